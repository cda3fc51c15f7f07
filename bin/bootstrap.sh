# Sourced by bin/sahelwatch and bin/test: makes .venv hold exactly the locked dependencies.
# Re-installs only when pyproject.toml or constraints.txt changed, so repeated runs start fast.
set -euo pipefail
SW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SW_VENV="${SAHELWATCH_VENV:-$SW_ROOT/.venv}"

sw_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "sahelwatch needs Python 3.11 or newer on PATH" >&2
  return 1
}

sw_bootstrap() {
  local stamp_file="$SW_VENV/.sahelwatch-stamp" want
  want="$(cat "$SW_ROOT/pyproject.toml" "$SW_ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp_file" ] && [ "$(cat "$stamp_file")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$SW_VENV/bin/python" ]; then
    echo "sahelwatch: creating virtual environment in $SW_VENV" >&2
    "$(sw_python)" -m venv "$SW_VENV"
  fi
  local log="$SW_VENV/install.log"
  echo "sahelwatch: installing locked dependencies (first run takes a minute or two; log: $log)" >&2
  if ! { "$SW_VENV/bin/python" -m pip install --disable-pip-version-check --upgrade "pip>=24" &&
         "$SW_VENV/bin/python" -m pip install --disable-pip-version-check \
           -c "$SW_ROOT/constraints.txt" -e "$SW_ROOT[test]"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "sahelwatch: installing dependencies failed; full log in $log" >&2
    return 1
  fi
  echo "$want" > "$stamp_file"
}

sw_bootstrap
export PATH="$SW_VENV/bin:$PATH"
