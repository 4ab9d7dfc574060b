#!/usr/bin/env bash
# `make measure`: Kitbench's start-up time and memory next to a bare Tauri window
# (see bench/app/measure.sh for options).
exec "$(dirname "$0")/../bench/app/measure.sh" "$@"
