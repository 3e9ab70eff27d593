# Shell functions shared by scripts/test, scripts/bench and scripts/bench-query (sourced).

# ensure_venv VENV REQUIREMENTS: a virtualenv at VENV with REQUIREMENTS installed, reinstalled
# when the requirements change. Uses $PYTHON (default python3) to create it.
ensure_venv() {
  local venv=$1 requirements=$2 stamp want
  stamp="$venv/.requirements.sha"
  want=$(sha256sum "$requirements" | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: installing $requirements into $venv" >&2
    "${PYTHON:-python3}" -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements"
    echo "$want" > "$stamp"
  fi
}

# gen_dataset PYTHON GENERATOR DIR ARGS...: runs the shared data generator into DIR (with
# --seed 42) unless a finished DIR is there already; DIR.done marks a complete set.
gen_dataset() {
  local py=$1 generator=$2 dir=$3
  shift 3
  if [ -f "$dir.done" ] && [ -d "$dir" ]; then return; fi
  echo "setup: generating $dir (gen_clickstream.py $*)" >&2
  rm -rf "$dir" "$dir.tmp"
  "$py" "$generator" --out "$dir.tmp" --seed 42 "$@" > "$dir.log"
  tail -n 1 "$dir.log" >&2
  mv "$dir.tmp" "$dir"
  touch "$dir.done"
}

# ensure_cargo_tool ROOT NAME VERSION: the crates.io tool NAME at VERSION in ROOT/bin, built there
# (from Cargo.lock-pinned sources) unless that version is already installed.
ensure_cargo_tool() {
  local root=$1 name=$2 version=$3
  if ! "$root/bin/$name" --version 2>/dev/null | grep -qF "$version"; then
    echo "setup: building $name $version into $root (once)" >&2
    env -u CARGO_TARGET_DIR cargo install --quiet --locked --root "$root" --target-dir "$root/target" \
      "$name" --version "$version"
  fi
}
