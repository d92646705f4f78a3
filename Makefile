# Switchboard: `make run` starts the hub on H2 with routes/ from disk; `make test` runs every test
# on H2 and on a real PostgreSQL (installed and started by scripts/test-postgres.sh).
# `make bench` runs the load benchmarks against the real jar (bench/README.md); not part of make test.
# Builds start with clean: a route file deleted from routes/ must not live on in target/classes.
MVN ?= mvn -B -q
JAR := target/switchboard.jar
SOURCES := $(shell find src/main -type f) pom.xml application.properties $(wildcard routes/*.yaml)
BENCH_SOURCES := $(wildcard src/test/java/io/switchboard/bench/*.java) src/test/java/io/switchboard/ion/FakeIon.java
BENCH_MAIN := target/test-classes/io/switchboard/bench/BenchMain.class

.PHONY: run test validate jar bench clean

# Safe reload: a saved routes/*.camel.yaml is validated and started in isolation before its routes are
# swapped; a broken edit is refused (ERROR line with file:line + alert) and the old routes keep serving.
run: $(JAR)
	java -Dcamel.main.routes-include-pattern='file:routes/*.camel.yaml' \
	     -Dhub.routes.reload.enabled=true -Dhub.routes.reload.directory=routes \
	     -Dcamel.component.kamelet.location=file:routes/kamelets \
	     -jar $(JAR)

jar: $(JAR)

# Every routes/*.camel.yaml against Camel's YAML DSL schema, the properties and the hub's wiring
# (direct: endpoints, beans, Kamelets, route configurations); one file:line per problem, exit 1 if any.
validate: $(JAR)
	java -cp $(JAR) io.switchboard.routes.ValidateRoutes routes

$(JAR): $(SOURCES)
	$(MVN) -DskipTests clean package

# Settings through the environment: BENCH_MESSAGES, BENCH_CONCURRENCY, BENCH_PG_URL, … (bench/README.md)
bench: $(BENCH_MAIN)
	java -cp target/test-classes:$(JAR):$$(cat target/bench.classpath) io.switchboard.bench.BenchMain

# the driver waits with Awaitility: its jar (and hamcrest) join the jar on the bench classpath
$(BENCH_MAIN): $(JAR) $(BENCH_SOURCES)
	$(MVN) test-compile
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=test \
	    -DincludeGroupIds=org.awaitility,org.hamcrest
	touch $@

test:
	@pg_url=$$(scripts/test-postgres.sh) && \
	  mvn -B --no-transfer-progress clean verify -Dswitchboard.test.pg.url="$$pg_url" && \
	  scripts/test-summary.sh

clean:
	$(MVN) clean
