# Sourced by the bench scripts: signs a demo user in with a password and prints the session cookie.
#   signin BASE USERNAME JAR → "hearth_session=…"
signin() {
  local csrf
  csrf=$(curl -s -c "$3" "$1/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -b "$3" -c "$3" -o /dev/null -d "_csrf=$csrf&username=$2&password=hearth-demo" "$1/login"
  echo "hearth_session=$(awk '$6=="hearth_session"{print $7}' "$3")"
}
