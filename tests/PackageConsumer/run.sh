#!/usr/bin/env bash
# Packs FastReg's libraries into ./feed under a fresh version, then builds and tests this user
# project against those packages alone (no project references). Ends with dotnet test's summary.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="0.1.0-local.$(date +%s)"
rm -rf "$here/feed" && mkdir -p "$here/feed"
for project in Simd IO Nn Testing; do
  dotnet pack "$root/src/$project" -c Release -o "$here/feed" -p:Version="$version" --nologo -v quiet
done
dotnet test "$here/PackageConsumer.csproj" -c Release -p:FastRegVersion="$version" --nologo
