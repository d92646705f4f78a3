<?xml version="1.0" encoding="UTF-8"?>
<!-- ProcessServiceOrder from ION -> AcknowledgeServiceOrder back to its sender (routes/ion-examples.camel.yaml).
     Parameters come from exchange headers: HubLogicalId, CreationDateTime. XSLT escapes every value. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:o="http://schema.infor.com/InforOAGIS/2" exclude-result-prefixes="o">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="HubLogicalId"/>
  <xsl:param name="CreationDateTime"/>
  <xsl:template match="/">
    <xsl:variable name="order" select="/o:ProcessServiceOrder/o:DataArea/o:ServiceOrder/o:ServiceOrderHeader"/>
    <AcknowledgeServiceOrder xmlns="http://schema.infor.com/InforOAGIS/2" releaseID="9.2" versionID="2.14.0">
      <ApplicationArea>
        <Sender><LogicalID><xsl:value-of select="$HubLogicalId"/></LogicalID></Sender>
        <CreationDateTime><xsl:value-of select="$CreationDateTime"/></CreationDateTime>
      </ApplicationArea>
      <DataArea>
        <Acknowledge>
          <TenantID><xsl:value-of select="/o:ProcessServiceOrder/o:DataArea/o:Process/o:TenantID"/></TenantID>
          <OriginalApplicationArea>
            <xsl:copy-of select="/o:ProcessServiceOrder/o:ApplicationArea/*"/>
          </OriginalApplicationArea>
          <ResponseCriteria><ResponseExpression actionCode="Accepted"/></ResponseCriteria>
        </Acknowledge>
        <ServiceOrder>
          <ServiceOrderHeader>
            <DocumentID><ID><xsl:value-of select="normalize-space($order/o:DocumentID/o:ID)"/></ID></DocumentID>
          </ServiceOrderHeader>
        </ServiceOrder>
      </DataArea>
    </AcknowledgeServiceOrder>
  </xsl:template>
</xsl:stylesheet>
