# Switchboard: `make run` starts the hub on H2 with routes/ from disk; `make test` runs every test
# on H2 and on a real PostgreSQL (installed and started by scripts/test-postgres.sh).
# `make bench` runs the load benchmarks against the real jar (bench/README.md); not part of make test.
# `make reliability` runs the crash suite against the real jar (docs/reliability.md); CI runs a short one.
# Builds start with clean: a route file deleted from routes/ must not live on in target/classes.
MVN ?= mvn -B -q
JAR := target/switchboard.jar
SOURCES := $(shell find src/main -type f) pom.xml application.properties $(wildcard routes/*.yaml)
BENCH_SOURCES := $(wildcard src/test/java/io/switchboard/bench/*.java) src/test/java/io/switchboard/ion/FakeIon.java
BENCH_MAIN := target/test-classes/io/switchboard/bench/BenchMain.class

RELIABILITY_SOURCES := $(wildcard src/test/java/io/switchboard/reliability/*.java) \
    src/test/java/io/switchboard/ion/FakeIon.java src/test/java/io/switchboard/chat/FakeI2a.java \
    src/test/java/io/switchboard/alert/FakePushover.java
RELIABILITY_MAIN := target/test-classes/io/switchboard/reliability/CrashSuiteMain.class
RELIABILITY_RUN = java -cp target/test-classes:$(JAR):$$(cat target/reliability.classpath) \
    io.switchboard.reliability.CrashSuiteMain

.PHONY: run test jar bench reliability reliability-ci clean

run: $(JAR)
	java -Dcamel.main.routes-include-pattern='file:routes/*.camel.yaml' \
	     -Dcamel.main.routes-reload-enabled=true \
	     -Dcamel.main.routes-reload-directory=routes \
	     -Dcamel.main.routes-reload-pattern='*.camel.yaml' \
	     -jar $(JAR)

jar: $(JAR)

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

# Crash suite: 10 kill -9 on H2 and on PostgreSQL with two instances; rewrites docs/reliability.md.
# Settings through the environment: RELIABILITY_KILLS, RELIABILITY_IMS_PER_SECOND (docs/reliability.md).
reliability: $(RELIABILITY_MAIN)
	@pg_url=$$(scripts/test-postgres.sh) && \
	  RELIABILITY_PG_URL="$$pg_url" RELIABILITY_REPORT=docs/reliability.md $(RELIABILITY_RUN)

# The short version CI runs after make test: 3 kills each, no report written.
reliability-ci: $(RELIABILITY_MAIN)
	@pg_url=$$(scripts/test-postgres.sh) && \
	  RELIABILITY_KILLS=$${RELIABILITY_KILLS:-3} RELIABILITY_IMS_PER_SECOND=$${RELIABILITY_IMS_PER_SECOND:-10} \
	  RELIABILITY_PG_URL="$$pg_url" $(RELIABILITY_RUN)

# the driver waits with Awaitility: its jar (and hamcrest) join the jar on the classpath
$(RELIABILITY_MAIN): $(JAR) $(RELIABILITY_SOURCES)
	$(MVN) test-compile
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/reliability.classpath -DincludeScope=test \
	    -DincludeGroupIds=org.awaitility,org.hamcrest
	touch $@

test:
	@pg_url=$$(scripts/test-postgres.sh) && \
	  mvn -B --no-transfer-progress clean verify -Dswitchboard.test.pg.url="$$pg_url" && \
	  scripts/test-summary.sh

clean:
	$(MVN) clean
