/*
 * cli.h — the command line front end: global options, the command table,
 * dispatch. cli_main returns the process exit status (only main exits).
 */
#pragma once

int cli_main(int argc, char **argv);
