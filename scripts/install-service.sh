#!/usr/bin/env bash
# Installs Tiếp Sức as a service on a Debian appliance, from this checkout.
#   sudo scripts/install-service.sh [APP_DIR] [DATA_DIR]
# Defaults: /opt/tiep-suc and /var/lib/tiep-suc. Run it again to update.
set -euo pipefail

app_dir=${1:-/opt/tiep-suc}
data_dir=${2:-/var/lib/tiep-suc}
src=$(cd "$(dirname "$0")/.." && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "Cần quyền root: sudo $0" >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  echo "Cần Node.js 20 trở lên (đang có: $(node --version 2>/dev/null || echo 'không có'))." >&2
  exit 1
fi
command -v g++ >/dev/null && command -v make >/dev/null || {
  apt-get update
  apt-get install -y --no-install-recommends build-essential python3
}

id tiepsuc >/dev/null 2>&1 || useradd --system --home-dir "$data_dir" --shell /usr/sbin/nologin tiepsuc
mkdir -p "$app_dir" "$data_dir"
if [ "$src" != "$app_dir" ]; then
  tar -C "$src" --exclude=./node_modules --exclude=./data --exclude=./dist --exclude=./.git -cf - . | tar -C "$app_dir" -xf -
fi
cd "$app_dir"
npm ci --no-audit --no-fund
npm run build
chown -R tiepsuc:tiepsuc "$data_dir"

sed -e "s#@APP_DIR@#$app_dir#g" -e "s#@DATA_DIR@#$data_dir#g" scripts/tiep-suc.service >/etc/systemd/system/tiep-suc.service
systemctl daemon-reload
systemctl enable tiep-suc.service
systemctl restart tiep-suc.service
echo "Đã cài Tiếp Sức: http://$(hostname -I | awk '{print $1}'):8080  (nhật ký: journalctl -u tiep-suc -f)"
