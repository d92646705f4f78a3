# Switchboard: `make run` starts the hub on H2 with routes/ from disk; `make test` runs every test
# on H2 and on a real PostgreSQL (installed and started by scripts/test-postgres.sh).
# `make demo` shows the hub doing its whole job against sandbox peers (CHECK=1 for CI).
# `make bench` runs the load benchmarks against the real jar (bench/README.md); not part of make test;
# `make bench-smoke` is its seconds-long correctness check, run by CI after make test and make demo.
# `make reliability` runs the crash suite against the real jar (docs/reliability.md); CI runs a short one.
# Builds start with clean: a route file deleted from routes/ must not live on in target/classes.
MVN ?= mvn -B -q
JAR := target/switchboard.jar
SOURCES := $(shell find src/main -type f) pom.xml application.properties $(wildcard routes/*.yaml)
BENCH_SOURCES := $(wildcard src/test/java/io/switchboard/bench/*.java) src/test/java/io/switchboard/ion/FakeIon.java
BENCH_MAIN := target/test-classes/io/switchboard/bench/BenchMain.class
# JVM options of make run (docs/operations.md "JVM options"), also given to every hub the bench starts:
# a class-data archive of the hub's own classes, made by one training start (start-up CPU ~40 % less),
# a small initial heap and a 512 MB cap (by default the heap starts at 1/64 of RAM and may grow to 1/4 of it,
# so garbage piles up to a GB and more), and the serial collector (what the JVM itself picks below 2 cores or
# 1.8 GB: on 2 cores with a small heap it costs no CPU per message, and saves ~10 % of the start-up CPU and
# ~25 MB of idle RSS against G1's threads and remembered sets; bench/ANALYSIS.md "Start-up (start13)"), and a
# heap that grows under load instead of collecting fully every second (free ratios 70/90, young = half the heap).
# JAVA: the JVM of run, bench, demo, validate and the reliability suite (the jar is built for Java 17 and runs
# unchanged on newer JDKs). On Java 25+ the archive is an AOT cache (JEP 483/514/515: classes loaded and linked plus
# the training start's method profiles): healthy in 2.4-2.6 s against 2.8-3.6 s on Java 17 (docs/operations.md §7).
JAVA ?= java
JAVA_VERSION := $(shell $(JAVA) -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
HUB_HEAP_OPTS := -Xms64m -Xmx512m -XX:+UseSerialGC -XX:MetaspaceSize=96m \
    -XX:MinHeapFreeRatio=70 -XX:MaxHeapFreeRatio=90 -XX:NewRatio=1
ifeq ($(shell [ "$(JAVA_VERSION)" -ge 25 ] 2>/dev/null && echo aot),aot)
JSA := target/switchboard-java$(JAVA_VERSION).aot
# Netty (under Vert.x) still calls sun.misc.Unsafe's memory methods: allowed without the JDK 24+ warning lines
HUB_JAVA_OPTS := -XX:AOTCache=$(abspath $(JSA)) -Xlog:aot=off -Xlog:cds=off --sun-misc-unsafe-memory-access=allow \
    $(HUB_HEAP_OPTS)
else
JSA := target/switchboard.jsa
HUB_JAVA_OPTS := -XX:SharedArchiveFile=$(abspath $(JSA)) -Xlog:cds=off -Xlog:cds+dynamic=off $(HUB_HEAP_OPTS)
endif
DEMO_CLASSPATH := target/demo.classpath

RELIABILITY_SOURCES := $(wildcard src/test/java/io/switchboard/reliability/*.java) \
    src/test/java/io/switchboard/ion/FakeIon.java src/test/java/io/switchboard/chat/FakeI2a.java \
    src/test/java/io/switchboard/alert/FakePushover.java
RELIABILITY_MAIN := target/test-classes/io/switchboard/reliability/CrashSuiteMain.class
RELIABILITY_RUN = $(JAVA) -cp target/test-classes:$(JAR):$$(cat target/reliability.classpath) \
    io.switchboard.reliability.CrashSuiteMain

.PHONY: run test validate jar bench bench-smoke demo diagrams reliability reliability-ci clean

# Safe reload: a saved routes/*.camel.yaml is validated and started in isolation before its routes are
# swapped; a broken edit is refused (ERROR line with file:line + alert) and the old routes keep serving.
run: $(JAR) $(JSA)
	$(JAVA) $(HUB_JAVA_OPTS) -Dcamel.main.routes-include-pattern='file:routes/*.camel.yaml' \
	     -Dhub.routes.reload.enabled=true -Dhub.routes.reload.directory=routes \
	     -Dcamel.component.kamelet.location=file:routes/kamelets \
	     -jar $(abspath $(JAR))

jar: $(JAR)

# Every routes/*.camel.yaml against Camel's YAML DSL schema, the properties and the hub's wiring
# (direct: endpoints, beans, Kamelets, route configurations); one file:line per problem, exit 1 if any.
validate: $(JAR)
	$(JAVA) -cp $(JAR) io.switchboard.routes.ValidateRoutes routes

$(JAR): $(SOURCES)
	$(MVN) -DskipTests clean package

# The class-data archive: one start of the jar on a scratch H2 store and a free port until healthy, one IMS
# message and one health probe (their classes too), then SIGTERM; the JVM writes the classes it loaded at exit
# (scripts/cds-training.sh). Same absolute jar path as make run and the bench (CDS checks it); a missing or
# stale archive only costs start-up time (the JVM then loads classes as usual).
$(JSA): $(JAR) scripts/cds-training.sh
	JAVA=$(JAVA) scripts/cds-training.sh $(abspath $(JAR)) $(abspath $@) $(HUB_HEAP_OPTS)

BENCH_JAVA = BENCH_COMMIT=$$(git rev-parse --short HEAD 2>/dev/null) \
	$(JAVA) -cp target/test-classes:$(JAR):$$(cat target/bench.classpath) io.switchboard.bench.BenchMain

# Hub against the bare ceiling, outbox drain, footprint; regenerates bench/RESULTS.md and its plots.
# Settings through the environment: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_PG_URL, … (bench/README.md)
bench: $(BENCH_MAIN) $(JSA)
	BENCH_HUB_JAVA_OPTS="$${BENCH_HUB_JAVA_OPTS-$(HUB_JAVA_OPTS)}" $(BENCH_JAVA)

# Seconds long, in CI: checks correctness only (every 202 stored, statuses, outbox order), never speed.
# (the heap option of make run, not the archive: its training start would double the smoke's start-up time)
bench-smoke: $(BENCH_MAIN)
	BENCH_HUB_JAVA_OPTS="$${BENCH_HUB_JAVA_OPTS-$(HUB_HEAP_OPTS)}" $(BENCH_JAVA) smoke

# the driver waits with Awaitility: its jar (and hamcrest) join the jar on the bench classpath
$(BENCH_MAIN): $(JAR) $(BENCH_SOURCES)
	$(MVN) test-compile
	$(MVN) dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -DincludeScope=test \
	    -DincludeGroupIds=org.awaitility,org.hamcrest
	touch $@

# The hub on H2 with sandbox peers (the test tree's FakeIon, FakeI2a, FakePushover on loopback): sample BODs
# through the IMS endpoint, one through the outbox, and what happened. CHECK=1: exit 1 if anything did not arrive.
demo: $(DEMO_CLASSPATH)
	@mkdir -p target/demo
	$(JAVA) -Dlogback.configurationFile=src/test/resources/demo/logback-demo.xml \
	     -cp target/test-classes:target/classes:$$(cat $(DEMO_CLASSPATH)) io.switchboard.demo.DemoMain $(if $(CHECK),--check)

# the demo runs on the test classpath: fakes and their libraries are test-scope, never in the jar
$(DEMO_CLASSPATH): $(SOURCES) $(shell find src/test -type f)
	$(MVN) test-compile dependency:build-classpath -Dmdep.outputFile=$(DEMO_CLASSPATH) -Dmdep.includeScope=test

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

# docs/diagrams/*.dot -> *.svg (Graphviz from Debian: apt-get install graphviz); the SVGs are committed
diagrams:
	for f in docs/diagrams/*.dot; do dot -Tsvg "$$f" -o "$${f%.dot}.svg"; done

clean:
	$(MVN) clean
