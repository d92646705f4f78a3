#!/usr/bin/env bash
# The class-data archive's training start (make target/switchboard.jsa): the jar on a scratch H2 store and a free
# port, until /observe/health answers 200; then one IMS message and one health probe, so the classes of the first
# requests are in the archive too; then SIGTERM, and the JVM writes every class it loaded when it exits.
# Usage: scripts/cds-training.sh <absolute jar> <absolute archive> <JVM options...>
# JAVA (default java) picks the JVM: Java 25+ writes an AOT cache (-XX:AOTCacheOutput: classes loaded and linked
# plus the training's method profiles), older JVMs a dynamic class-data archive (-XX:ArchiveClassesAtExit).
set -euo pipefail
jar=$1; archive=$2; shift 2
java=${JAVA:-java}
version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${version%%.*}" -ge 25 ] 2>/dev/null; then
  archive_options=(-XX:AOTCacheOutput="$archive" -Xlog:aot=off -Xlog:cds=off --sun-misc-unsafe-memory-access=allow)
else
  archive_options=(-XX:ArchiveClassesAtExit="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
fi
dir=$(dirname "$archive")/cds-training
rm -rf "$dir" "$archive" && mkdir -p "$dir"
log=$dir/training.log
HUB_DB_URL="jdbc:h2:file:$dir/db/hub;WRITE_DELAY=0" CAMEL_SERVER_PORT=0 CAMEL_SERVER_HOST=127.0.0.1 \
HUB_IMS_AUTH_MODE=basic HUB_IMS_AUTH_USER=cds-training HUB_IMS_AUTH_PASSWORD=cds-training-only \
  "$java" "${archive_options[@]}" "$@" -jar "$jar" > "$log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url=
for _ in $(seq 1 600); do
  if ! kill -0 $pid 2>/dev/null; then echo "cds-training: the hub exited, see $log" >&2; exit 1; fi
  port=$(sed -n 's/.*HttpServer started on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$log" | head -1)
  if [ -n "$port" ] && curl -sf -o /dev/null "http://127.0.0.1:$port/observe/health"; then url=http://127.0.0.1:$port; break; fi
  sleep 0.2
done
[ -n "$url" ] || { echo "cds-training: not healthy within 120 s, see $log" >&2; exit 1; }
boundary=cdsTrainingBoundary7MA4
params='{"documentName":"SyncSalesOrder","messageId":"cds-training-1","fromLogicalId":"lid://infor.ims.training",'
params+='"toLogicalId":"lid://infor.ims.switchboard","encoding":"NONE","characterSet":"UTF-8"}'
bod='<SyncSalesOrder><ApplicationArea><BODID>cds-training-1</BODID></ApplicationArea><DataArea/></SyncSalesOrder>'
# ION's multipart shape: two named parts, no filenames (curl -F would read a value starting with '<' as a file)
printf -- '--%s\r\nContent-Disposition: form-data;name="ParameterRequest"\r\nContent-Type: application/json\r\n\r\n%s\r\n' \
  $boundary "$params" > "$dir/ims-request"
printf -- '--%s\r\nContent-Disposition: form-data;name="MessagePayload"\r\nContent-Type: application/octet-stream\r\n\r\n%s\r\n--%s--\r\n' \
  $boundary "$bod" $boundary >> "$dir/ims-request"
curl -s -o "$dir/ims-answer.txt" -w "ims answer %{http_code}\n" -u cds-training:cds-training-only -H 'X-TenantId: TRAINING' \
  -H "Content-Type: multipart/form-data; boundary=$boundary" --data-binary @"$dir/ims-request" \
  "$url/ims/service/v3/multipartMessage" > "$dir/ims-status.txt" || true
curl -s -o /dev/null "$url/observe/health" || true
kill -TERM $pid
wait $pid || true
trap - EXIT
[ -s "$archive" ] || { echo "cds-training: no archive written, see $log" >&2; exit 1; }
