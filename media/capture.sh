#!/usr/bin/env bash
# Re-makes media/wizard.png from the real wizard: the built CLI in tmux on the sample ISE, captured with
# colours, turned into HTML by aha and photographed by headless Chromium (apt-get install tmux aha chromium).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cli="$here/../dist/cli.js"
work="$(mktemp -d)"
sock="ise-shot-$$"
trap 'tmux -L "$sock" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for() { for _ in $(seq 100); do tmux -L "$sock" capture-pane -p -t w | grep -q "$1" && return 0; sleep 0.1; done; echo "timed out waiting for $1" >&2; exit 1; }
tmux -L "$sock" -f /dev/null new-session -d -s w -x 112 -y 36 -c "$work" \
	-e ISE_MIGRATE_CONFIG_DIR="$work/.config" -e TERM=xterm-256color -e FORCE_COLOR=1 \
	"env -u CI node '$cli' --demo; sleep 30"
wait_for 'step 2 of 9'
tmux -L "$sock" send-keys -t w Enter; wait_for 'step 3 of 9'
# Tab goes to the next step; Network has an open blocker, so it asks first (y).
tmux -L "$sock" send-keys -t w Tab; wait_for 'step 4 of 9'
tmux -L "$sock" send-keys -t w Tab; wait_for 'Go on anyway'
tmux -L "$sock" send-keys -t w y; wait_for 'step 5 of 9'
tmux -L "$sock" send-keys -t w Tab; wait_for 'step 6 of 9'
# Open the Azure Blob Storage group of steps that stay managed, on its first member.
tmux -L "$sock" send-keys -t w Down Down Down; sleep 0.3
tmux -L "$sock" send-keys -t w Right; sleep 0.3
tmux -L "$sock" send-keys -t w Down; sleep 0.3
tmux -L "$sock" capture-pane -e -p -t w | aha --black --title ise-migrate > "$work/shot.html"
sed -i 's#<pre>#<pre style="font-family: DejaVu Sans Mono, monospace; font-size: 14px; line-height: 1.25; margin: 12px;">#' "$work/shot.html"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
	--disable-sync --no-first-run --user-data-dir="$work/chrome" --hide-scrollbars \
	--window-size=1000,700 --screenshot="$here/wizard.png" "file://$work/shot.html" 2>/dev/null
echo "wrote $here/wizard.png"
