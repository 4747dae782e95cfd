#!/usr/bin/env bash
# Opens a Tiếp Sức page full screen in Chromium's kiosk mode, for the kiosk and display PCs:
# no address bar, no screen blanking, sound allowed, and the browser restarted if it dies.
#   scripts/kiosk-launcher.sh http://192.168.1.10:8080/display
#   scripts/kiosk-launcher.sh http://192.168.1.10:8080/kiosk?printer=kiosk
# Start it from the PC's desktop session (autostart), not as root.
set -u
url=${1:?Cách dùng: $0 URL (ví dụ http://192.168.1.10:8080/display)}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "Chưa có Chromium: sudo apt-get install chromium" >&2
  exit 1
fi
profile=${XDG_CONFIG_HOME:-$HOME/.config}/tiep-suc-kiosk

# Keep the screen awake: the display must never go to sleep in opening hours.
if command -v xset >/dev/null && [ -n "${DISPLAY:-}" ]; then
  xset s off -dpms s noblank 2>/dev/null || true
fi
inhibit=()
if systemd-inhibit --list >/dev/null 2>&1; then
  inhibit=(systemd-inhibit --what=idle:sleep --who=tiep-suc --why="Màn hình Tiếp Sức")
fi

while true; do
  # A crashed session must not greet the next start with a "restore pages?" bubble.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"Crashed"/"exit_type":"Normal"/' \
    "$profile/Default/Preferences" 2>/dev/null || true
  "${inhibit[@]}" "$browser" --kiosk --user-data-dir="$profile" --no-first-run --noerrdialogs \
    --disable-session-crashed-bubble --disable-infobars --disable-translate --disable-pinch \
    --overscroll-history-navigation=0 --autoplay-policy=no-user-gesture-required \
    --disable-background-networking --disable-component-update --check-for-update-interval=31536000 \
    "$url"
  echo "$(date '+%F %T') Chromium đã thoát (mã $?); mở lại sau 3 giây" >&2
  sleep 3
done
