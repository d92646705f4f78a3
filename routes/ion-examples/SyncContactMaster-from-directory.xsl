<?xml version="1.0" encoding="UTF-8"?>
<!-- A directory event -> SyncContactMaster for ION (routes/ion-examples.camel.yaml). The input document is ignored;
     the values are exchange headers (XSLT parameters): Username, DisplayName, Phone, ActionCode, HubLogicalId,
     TenantId, CreationDateTime. XSLT escapes every value, so a display name with < or & stays well-formed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>
  <xsl:param name="Username"/>
  <xsl:param name="DisplayName"/>
  <xsl:param name="Phone"/>
  <xsl:param name="ActionCode" select="'Replace'"/>
  <xsl:param name="HubLogicalId"/>
  <xsl:param name="TenantId"/>
  <xsl:param name="CreationDateTime"/>
  <xsl:template match="/">
    <SyncContactMaster xmlns="http://schema.infor.com/InforOAGIS/2" releaseID="9.2" versionID="2.14.0">
      <ApplicationArea>
        <Sender><LogicalID><xsl:value-of select="$HubLogicalId"/></LogicalID><ComponentID>Switchboard</ComponentID></Sender>
        <CreationDateTime><xsl:value-of select="$CreationDateTime"/></CreationDateTime>
      </ApplicationArea>
      <DataArea>
        <Sync>
          <TenantID><xsl:value-of select="$TenantId"/></TenantID>
          <ActionCriteria><ActionExpression actionCode="{$ActionCode}"/></ActionCriteria>
        </Sync>
        <ContactMaster>
          <IDs><ID><xsl:value-of select="$Username"/></ID></IDs>
          <Name><FormattedName><xsl:value-of select="$DisplayName"/></FormattedName></Name>
          <xsl:if test="string($Phone) != ''">
            <Communication><ChannelCode>Telephone</ChannelCode><UseCode>Work</UseCode>
              <DialNumber><xsl:value-of select="$Phone"/></DialNumber></Communication>
          </xsl:if>
        </ContactMaster>
      </DataArea>
    </SyncContactMaster>
  </xsl:template>
</xsl:stylesheet>
