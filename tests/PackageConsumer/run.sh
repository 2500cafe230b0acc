#!/usr/bin/env bash
# Packs FastReg's libraries into ./feed under a fresh version, then builds and tests this user
# project against those packages alone (no project references): a model-loading console app published
# with NativeAOT, every C# block of the README as its own console app, and the tests. Ends with dotnet test's summary.
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
fail() { echo "package-consumer: $*" >&2; exit 1; }

# A fresh console app (ModelApp) loads a model saved by `fastreg train` in one call and must print the
# classes `fastreg predict` writes; it is published with NativeAOT, and any warning fails the run.
work="$here/work"
rm -rf "$work" && mkdir -p "$work"
fastreg="$root/src/Cli/bin/Release/net10.0/fastreg"
[ -x "$fastreg" ] || dotnet build "$root/src/Cli" -c Release --nologo -v quiet
iris="$root/data/sklearn/iris.csv"
"$fastreg" train "$iris" --save "$work/iris.safetensors" --json > "$work/train.json"
"$fastreg" predict "$iris" --weights "$work/iris.safetensors" --out "$work/predict.csv" > /dev/null
tail -n +2 "$work/predict.csv" | cut -d, -f1 > "$work/cli-classes.txt"
dotnet publish "$here/ModelApp/ModelApp.csproj" -c Release -r linux-x64 -p:FastRegVersion="$version" -o "$work/aot" --nologo > "$work/publish.txt" 2>&1 \
  || { cat "$work/publish.txt"; fail "the NativeAOT publish of ModelApp failed"; }
if grep -iE "warning|error" "$work/publish.txt"; then fail "the NativeAOT publish of ModelApp printed warnings"; fi
"$work/aot/ModelApp" "$work/iris.safetensors" "$iris" > "$work/app-classes.txt" || fail "ModelApp (NativeAOT) failed"
diff "$work/cli-classes.txt" "$work/app-classes.txt" > /dev/null \
  || fail "ModelApp predicts other classes than fastreg predict ($(diff "$work/cli-classes.txt" "$work/app-classes.txt" | grep -c '^<') rows differ)"
echo "package-consumer: ModelApp (NativeAOT, 0 warnings) predicts the $(wc -l < "$work/app-classes.txt") classes fastreg predict wrote"

# Every ```csharp block of the README, pasted alone into a fresh console app on the packed packages, must build.
snippets="$here/snippets"
rm -rf "$snippets" && mkdir -p "$snippets"
awk -v dir="$snippets" '
  /^```csharp/ { n++; file = sprintf("%s/s%02d.cs", dir, n); inside = 1; next }
  /^```/ { inside = 0 }
  inside { print > file }' "$root/README.md"
count=0
for source in "$snippets"/s*.cs; do
  name=$(basename "$source" .cs)
  mkdir -p "$snippets/$name"
  mv "$source" "$snippets/$name/Program.cs"
  cp "$here/snippet.csproj.template" "$snippets/$name/$name.csproj"
  dotnet build "$snippets/$name/$name.csproj" -c Release -p:FastRegVersion="$version" --nologo -v quiet > "$snippets/$name/build.txt" 2>&1 \
    || { cat "$snippets/$name/build.txt"; fail "README C# block $name (snippets/$name/Program.cs) does not build as a console app"; }
  count=$((count + 1))
done
[ "$count" -gt 0 ] || fail "no \`\`\`csharp block found in README.md"
echo "package-consumer: all $count C# blocks of README.md build as console apps"

dotnet test "$here/PackageConsumer.csproj" -c Release -p:FastRegVersion="$version" --nologo
