# Switchboard: `make run` starts the hub on H2 with routes/ from disk; `make test` runs every test
# on H2 and on a real PostgreSQL (installed and started by scripts/test-postgres.sh).
# Builds start with clean: a route file deleted from routes/ must not live on in target/classes.
MVN ?= mvn -B -q
JAR := target/switchboard.jar
SOURCES := $(shell find src/main -type f) pom.xml application.properties $(wildcard routes/*.yaml)

.PHONY: run test jar clean

run: $(JAR)
	java -Dcamel.main.routes-include-pattern='file:routes/*.camel.yaml' \
	     -Dcamel.main.routes-reload-enabled=true \
	     -Dcamel.main.routes-reload-directory=routes \
	     -Dcamel.main.routes-reload-pattern='*.camel.yaml' \
	     -jar $(JAR)

jar: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests clean package

test:
	@pg_url=$$(scripts/test-postgres.sh) && \
	  mvn -B --no-transfer-progress clean verify -Dswitchboard.test.pg.url="$$pg_url" && \
	  scripts/test-summary.sh

clean:
	$(MVN) clean
