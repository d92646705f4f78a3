# Switchboard: `make run` starts the hub on H2 with routes/ from disk; `make test` runs every test
# on H2 and on a real PostgreSQL (installed and started by scripts/test-postgres.sh).
# `make bench` runs the load benchmarks against the real jar (bench/README.md); not part of make test;
# `make bench-smoke` is its seconds-long correctness check, run by CI after make test.
# Builds start with clean: a route file deleted from routes/ must not live on in target/classes.
MVN ?= mvn -B -q
JAR := target/switchboard.jar
SOURCES := $(shell find src/main -type f) pom.xml application.properties $(wildcard routes/*.yaml)
BENCH_SOURCES := $(wildcard src/test/java/io/switchboard/bench/*.java) src/test/java/io/switchboard/ion/FakeIon.java
BENCH_MAIN := target/test-classes/io/switchboard/bench/BenchMain.class

.PHONY: run test jar bench bench-smoke clean

run: $(JAR)
	java -Dcamel.main.routes-include-pattern='file:routes/*.camel.yaml' \
	     -Dcamel.main.routes-reload-enabled=true \
	     -Dcamel.main.routes-reload-directory=routes \
	     -Dcamel.main.routes-reload-pattern='*.camel.yaml' \
	     -jar $(JAR)

jar: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests clean package

BENCH_JAVA = BENCH_COMMIT=$$(git rev-parse --short HEAD 2>/dev/null) \
	java -cp target/test-classes:$(JAR):$$(cat target/bench.classpath) io.switchboard.bench.BenchMain

# Hub against the bare ceiling, outbox drain, footprint; regenerates bench/RESULTS.md and its plots.
# Settings through the environment: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG_URL, … (bench/README.md)
bench: $(BENCH_MAIN)
	$(BENCH_JAVA)

# Seconds long, in CI: checks correctness only (every 202 stored, statuses, outbox order), never speed.
bench-smoke: $(BENCH_MAIN)
	$(BENCH_JAVA) smoke

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
