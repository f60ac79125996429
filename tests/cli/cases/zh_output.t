# Under --lang zh nothing a person reads is English: tests/cli/zh-scan builds
# the demo, runs every command and subcommand in table (and Markdown/HTML)
# format and fails on any run of 3+ ASCII letters outside its allowlist
# (see its header). CSV and JSON keep their English names and are not scanned.
$ $TESTS/cli/zh-scan attain
> zh-scan: ok
