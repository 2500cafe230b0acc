#!/usr/bin/env bash
# Packs FastReg's libraries into ./feed under a fresh version, then builds and tests this user
# project against those packages alone (no project references). Ends with dotnet test's summary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="0.1.0-local.$(date +%s)"
rm -rf "$here/feed" && mkdir -p "$here/feed"
for project in Simd IO Nn Testing; do
  # After CI's Release build the binaries are there: pack them as they are rather than build again.
  reuse=()
  [ -f "$root/src/$project/bin/Release/net10.0/FastReg.$project.dll" ] && reuse=(--no-build)
  dotnet pack "$root/src/$project" -c Release -o "$here/feed" -p:Version="$version" "${reuse[@]}" --nologo -v quiet
done
dotnet test "$here/PackageConsumer.csproj" -c Release -p:FastRegVersion="$version" --nologo
