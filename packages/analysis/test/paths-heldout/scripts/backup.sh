#!/usr/bin/env bash
# Nightly backup of the staging box.
# Usage: ./backup.sh [dest]   (defaults to ~/backups)
set -euo pipefail

DEST="${1:-$HOME/backups}"
SRC=/home/ana/projects/site
OWNER_HOME="/home/ana"
LOG_FILE="$DEST/backup.log"
export PATH="/home/o-brien/.local/bin:$PATH"

if [ ! -d /home ]; then
  echo "no home directories on this host" >&2
  exit 1
fi

for dir in /home/*/; do
  echo "found $dir" >>"$LOG_FILE"
done

rsync -a --delete "$SRC/" "$DEST/site/"
cp /root/.bashrc "$DEST/root.bashrc"
# ssh -i /Users/o-brien/.ssh/id_ed25519 deploy@staging
tar -czf "$DEST/home-$(date +%F).tar.gz" -C "$(dirname "$SRC")" site
chown -R ana "$OWNER_HOME/backups"
echo "done: $DEST"
