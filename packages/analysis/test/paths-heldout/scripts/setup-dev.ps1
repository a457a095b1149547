# Sets up a Windows dev box for acme.
param(
    [string]$Root = "$env:USERPROFILE\dev"
)
$ErrorActionPreference = 'Stop'

# Scoop shims (e.g. C:\Users\username\scoop\shims on a fresh machine)
$env:Path += ";C:\Users\ana\scoop\shims"
$npmPrefix = "C:\Users\$env:USERNAME\AppData\Roaming\npm"
New-Item -ItemType Directory -Force -Path "C:\Users\Public\acme" | Out-Null

# Old laptop profile: D:\Users\femi_a
Set-Location $Root
git config --global core.autocrlf true

if ($env:CI) {
    node --version
}
npm config set prefix $npmPrefix
