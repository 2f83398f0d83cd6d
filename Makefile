# What `sam build` runs: template.yaml gives every function `CodeUri: .` and `Metadata: BuildMethod: makefile`,
# so SAM calls `make build-<LogicalId>` here with ARTIFACTS_DIR set and zips whatever the target leaves there
# as the function's code (samconfig.toml: build_in_source, so the parent POM and sibling modules are visible).
# Each target is the Maven build CI and the local runtime use (`./mvnw package`), its zip unpacked.
# Tests are not run here: `./mvnw verify` is the test command.
MVNW ?= ./mvnw

build-WebhookFunction: MODULE := github-webhook
build-ScanGateFunction: MODULE := scan-gate
build-NotifierFunction: MODULE := slack-notifier

.PHONY: build-WebhookFunction build-ScanGateFunction build-NotifierFunction
build-WebhookFunction build-ScanGateFunction build-NotifierFunction:
	@test -n "$(ARTIFACTS_DIR)" || { echo "$@: ARTIFACTS_DIR is not set (sam build sets it)" >&2; exit 2; }
	$(MVNW) -q -pl functions/$(MODULE) -am package -DskipTests
	unzip -q -o functions/$(MODULE)/target/function.zip -d "$(ARTIFACTS_DIR)"
