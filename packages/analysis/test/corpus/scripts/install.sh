#!/usr/bin/env bash
# Installs the reports CLI for the current user.
set -euo pipefail

PREFIX="${PREFIX:-$HOME/.local}"
CONFIG_DIR="${XDG_CONFIG_HOME:-$HOME/.config}/reports"
mkdir -p "$PREFIX/bin" "$CONFIG_DIR" ~/.cache/reports

# Old installs went to /home/$USER/reports-cli or /Users/$(whoami)/reports-cli.
for old in "/home/$USER/reports-cli" "/Users/$(whoami)/reports-cli"; do
  [ -d "$old" ] && rm -rf "$old"
done

# FIXME: remove before merging, only works on my box
export PATH="/home/priya/.nvm/versions/node/v20.19.0/bin:$PATH"
cp ./bin/reports "$PREFIX/bin/reports"

if grep -qi microsoft /proc/version 2>/dev/null; then
  WIN_DOWNLOADS="/mnt/c/Users/priya/Downloads"   # WSL: the Windows side of my machine
  WIN_SHARED="/mnt/c/Users/Public/Downloads"
  cp "$WIN_DOWNLOADS/reports.lic" "$CONFIG_DIR/" || cp "$WIN_SHARED/reports.lic" "$CONFIG_DIR/"
fi

if [ "$(uname)" = "Darwin" ]; then
  ln -sf "$PREFIX/bin/reports" /usr/local/bin/reports
  defaults write com.example.reports ExportDir -string "/Users/priya/Documents/Exports"
fi

echo "installed to $PREFIX/bin (config in ~/.config/reports, cache in ~/.cache/reports)"
[ -f /root/.reportsrc ] && echo "warning: /root/.reportsrc is ignored"
