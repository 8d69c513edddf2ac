#!/usr/bin/env bash
# remote-transports.sh: the remote module over every transport, against
# our libvirtd (when built) and Debian's libvirtd (when installed), each
# started here with a temporary config, random ports on 127.0.0.1 and
# certificates made with certtool. Prints TAP: one line per check; the
# output of each run follows as comments.
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD_ROOT:?BUILD_ROOT is set by the test environment}
api=$build/tests/remote/remote_api
objs=$build/tests/remote/remote_objects
errs=$build/tests/remote/remote_errors
evclose=$build/tests/remote/remote_event_close
keepalive=$build/tests/remote/remote_keepalive
work=$(mktemp -d /tmp/remote-test.XXXXXX)
chmod 755 "$work"
pids=()
n=0
failed=0

cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT

result() {            # result STATUS DESCRIPTION OUTPUT-FILE
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
        [ -f "$3" ] && sed 's/^/# /' "$3"
    fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }

freeport() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# --- certificates (seed 003's recipe, made fresh for every run) ---
pki=$work/pki
mkdir -p "$pki/ca" "$pki/client" "$pki/server" "$pki/other" "$pki/badclient"
ct() { certtool "$@" >/dev/null 2>&1; }
mkcerts() {
    cd "$pki" || return 1
    printf 'cn = Remote Test CA\nca\ncert_signing_key\nexpiration_days = 30\n' > ca.info
    ct --generate-privkey --outfile ca/cakey.pem
    ct --generate-self-signed --load-privkey ca/cakey.pem --template ca.info --outfile ca/cacert.pem
    printf 'organization = Remote Test\ncn = localhost\ndns_name = localhost\ntls_www_server\nencryption_key\nsigning_key\nexpiration_days = 30\n' > server.info
    ct --generate-privkey --outfile server/serverkey.pem
    ct --generate-certificate --load-privkey server/serverkey.pem --load-ca-certificate ca/cacert.pem \
       --load-ca-privkey ca/cakey.pem --template server.info --outfile server/servercert.pem
    printf 'country = GB\norganization = Remote Test\ncn = client1\ntls_www_client\nencryption_key\nsigning_key\nexpiration_days = 30\n' > client.info
    ct --generate-privkey --outfile client/clientkey.pem
    ct --generate-certificate --load-privkey client/clientkey.pem --load-ca-certificate ca/cacert.pem \
       --load-ca-privkey ca/cakey.pem --template client.info --outfile client/clientcert.pem
    cp ca/cacert.pem client/cacert.pem
    # A second CA: its certificates mean nothing to the first.
    printf 'cn = Other CA\nca\ncert_signing_key\nexpiration_days = 30\n' > other.info
    ct --generate-privkey --outfile other/cakey.pem
    ct --generate-self-signed --load-privkey other/cakey.pem --template other.info --outfile other/cacert.pem
    ct --generate-privkey --outfile badclient/clientkey.pem
    ct --generate-certificate --load-privkey badclient/clientkey.pem --load-ca-certificate other/cacert.pem \
       --load-ca-privkey other/cakey.pem --template client.info --outfile badclient/clientcert.pem
    cp ca/cacert.pem badclient/cacert.pem          # trusts the server, not trusted by it
    mkdir -p wrongca
    cp client/clientkey.pem client/clientcert.pem wrongca/
    cp other/cacert.pem wrongca/cacert.pem         # does not trust the server
    chmod -R a+rX "$pki"
    cd - >/dev/null
}
if command -v certtool >/dev/null; then mkcerts; have_certs=1; else have_certs=0; fi

# start_daemon NAME BINARY -> sets sock, tcp, tls, pidfile
start_daemon() {
    local name=$1 bin=$2 dir=$work/$1
    mkdir -p "$dir/sock" "$dir/home"
    chmod 777 "$dir" "$dir/sock" "$dir/home"
    tcp=$(freeport); tls=$(freeport)
    sock=$dir/sock/libvirt-sock
    pidfile=$dir/libvirtd.pid
    cat > "$dir/libvirtd.conf" <<CONF
listen_tcp = 1
listen_tls = $have_certs
tcp_port = "$tcp"
tls_port = "$tls"
listen_addr = "127.0.0.1"
auth_tcp = "none"
auth_unix_rw = "none"
auth_unix_ro = "none"
unix_sock_dir = "$dir/sock"
key_file = "$pki/server/serverkey.pem"
cert_file = "$pki/server/servercert.pem"
ca_file = "$pki/ca/cacert.pem"
CONF
    chmod 644 "$dir/libvirtd.conf"
    if [ "$name" = debian ]; then
        # Debian's daemon as root would start every state driver (and fail
        # in a container): run it as nobody, a session daemon.
        env -u LD_LIBRARY_PATH HOME="$dir/home" XDG_RUNTIME_DIR="$dir/home/run" XDG_CONFIG_HOME="$dir/home/cfg" \
            XDG_CACHE_HOME="$dir/home/cache" \
            setpriv --reuid=65534 --regid=65534 --clear-groups \
            "$bin" --listen -f "$dir/libvirtd.conf" > "$dir/log" 2>&1 &
    else
        "$bin" --listen -f "$dir/libvirtd.conf" --pid-file "$dir/own.pid" > "$dir/log" 2>&1 &
    fi
    local pid=$!
    pids+=("$pid")
    echo "$pid" > "$pidfile"
    for _ in $(seq 1 100); do
        [ -S "$sock" ] && python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$tcp),1)" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    sed 's/^/# /' "$dir/log" | tail -20
    return 1
}

run_api() {          # run_api DESCRIPTION URI TAG
    local out=$work/out.$n
    "$api" "$2" "$3" > "$out" 2>&1
    result $? "$1" "$out"
}

run_err() {          # run_err DESCRIPTION URI CODE [TEXT]
    local out=$work/out.$n desc=$1
    shift
    "$errs" "$@" > "$out" 2>&1
    result $? "$desc" "$out"
}

suite() {            # suite NAME BINARY
    local name=$1
    if ! start_daemon "$name" "$2"; then
        result 1 "$name: daemon starts" /dev/null
        return
    fi
    result 0 "$name: daemon starts" /dev/null
    local esc_sock=${sock// /%20}
    run_api "$name: unix" "test+unix:///default?socket=$esc_sock" "${name}u"
    local out=$work/out.$n
    "$objs" "test+unix:///default?socket=$esc_sock" "${name}o" > "$out" 2>&1
    result $? "$name: storage pools and volumes, interfaces, node devices over unix" "$out"
    run_api "$name: tcp" "test+tcp://127.0.0.1:$tcp/default" "${name}t"
    run_api "$name: ext (nc -U)" "test+ext:///default?command=nc%20-U%20$esc_sock" "${name}e"
    if [ "$have_certs" = 1 ]; then
        run_api "$name: tls" "test+tls://localhost:$tls/default?pkipath=$pki/client" "${name}s"
        run_api "$name: tls is the default with a host" "test://localhost:$tls/default?pkipath=$pki/client" "${name}d"
        run_err "$name: tls refuses a server whose certificate does not name the host" \
            "test+tls://127.0.0.1:$tls/default?pkipath=$pki/client" 39 "127.0.0.1"
        run_api "$name: tls no_verify=1 accepts it" \
            "test+tls://127.0.0.1:$tls/default?pkipath=$pki/client&no_verify=1" "${name}n"
        run_err "$name: tls refuses a server signed by an unknown CA" \
            "test+tls://localhost:$tls/default?pkipath=$pki/wrongca" 39 "refused"
        run_err "$name: the daemon refuses a client certificate from an unknown CA" \
            "test+tls://localhost:$tls/default?pkipath=$pki/badclient" any
        run_err "$name: missing client certificate files are named" \
            "test+tls://localhost:$tls/default?pkipath=$work/nowhere" 38 "$work/nowhere"
    fi
    # The error table (code and domain of each cause) through this daemon,
    # from our library and from Debian's: the daemon's domain must arrive.
    # (Debian's session daemon has no read-only socket: read-only
    # connections are asked for on its read-write one.)
    local table=$here/../python/test_error_table.py lib rosock=$esc_sock-ro
    # a sanitized build of our library needs its runtime loaded first into
    # Debian's python3 (and leaks of that foreign program are not ours)
    local preload
    preload=$(ldd "$build/core/libvirt.so.0" | awk '/libasan|libubsan/ {print $3}' | tr '\n' ' ')
    [ "$name" = debian ] && rosock=$esc_sock
    for lib in ours debian; do
        out=$work/out.$n
        if [ "$lib" = debian ]; then
            env LD_LIBRARY_PATH= VIRT_TEST_URI="test+unix:///default?socket=$esc_sock" \
                VIRT_TEST_RO_URI="test+unix:///default?socket=$rosock" \
                /usr/bin/python3 "$table" > "$out" 2>&1
        else
            env LD_PRELOAD="$preload" ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0 \
                VIRT_TEST_URI="test+unix:///default?socket=$esc_sock" \
                VIRT_TEST_RO_URI="test+unix:///default?socket=$rosock" \
                /usr/bin/python3 "$table" > "$out" 2>&1
        fi
        result $? "$name: error codes and domains as libvirt reports them, $lib client" "$out"
    done
    out=$work/out.$n
    "$evclose" "test+unix:///default?socket=$esc_sock" > "$out" 2>&1
    result $? "$name: connections closed while events arrive: no hang, no double close" "$out"
    out=$work/out.$n
    "$keepalive" "test+tcp://127.0.0.1:$tcp/default" "$pidfile" > "$out" 2>&1
    result $? "$name: keepalive keeps an idle connection and detects a frozen daemon" "$out"
    ssh_checks "$name" "$sock"
    local out=$work/out.$n
    "$errs" --lost "test+tcp://127.0.0.1:$tcp/default" "$pidfile" > "$out" 2>&1
    result $? "$name: a daemon killed under an open connection is a transport error" "$out"
}

# --- ssh through a private sshd on 127.0.0.1 (never the machine's own) ---
# Keys, config, pid and log all live in $work/ssh; the client options come
# from a wrapper handed over as command=, so no real ~/.ssh is read.
ssh_state=none      # none, up, failed or missing
ssh_port=
ssh_start() {
    local dir=$work/ssh
    if [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null || ! command -v nc >/dev/null; then
        ssh_state=missing
        return
    fi
    mkdir -p "$dir"
    chmod 700 "$dir"
    local port
    port=$(freeport)
    ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" >/dev/null 2>&1
    ssh-keygen -q -t ed25519 -N '' -f "$dir/user_key" >/dev/null 2>&1
    cp "$dir/user_key.pub" "$dir/authorized_keys"
    chmod 600 "$dir/authorized_keys"
    cat > "$dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
AuthorizedKeysFile $dir/authorized_keys
PidFile $dir/sshd.pid
StrictModes no
UsePAM no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
CONF
    # Privilege separation wants this directory when sshd runs as root.
    [ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
    /usr/sbin/sshd -D -f "$dir/sshd_config" -E "$dir/sshd.log" &
    local spid=$!
    pids+=("$spid")
    local up=0
    for _ in $(seq 1 100); do
        python3 -c "import socket; socket.create_connection(('127.0.0.1',$port),1)" 2>/dev/null && { up=1; break; }
        kill -0 "$spid" 2>/dev/null || break
        sleep 0.1
    done
    if [ "$up" != 1 ]; then
        ssh_state=failed
        result 1 "ssh: private sshd starts on 127.0.0.1:$port" "$dir/sshd.log"
        return
    fi
    ssh_state=up
    ssh_port=$port
    result 0 "ssh: private sshd starts on 127.0.0.1:$port" /dev/null
    cat > "$dir/ssh" <<WRAP
#!/bin/sh
exec ssh -F /dev/null -i "$dir/user_key" -o IdentitiesOnly=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "\$@"
WRAP
    chmod 755 "$dir/ssh"
    # The same client with a key sshd has never seen.
    ssh-keygen -q -t ed25519 -N '' -f "$dir/stranger_key" >/dev/null 2>&1
    sed "s|$dir/user_key|$dir/stranger_key|" "$dir/ssh" > "$dir/nokey-ssh"
    chmod 755 "$dir/nokey-ssh"
}

ssh_checks() {      # ssh_checks NAME SOCKET: the daemon's unix socket via sshd + nc -U
    local name=$1 dir=$work/ssh esc_sock=${2// /%20} user
    [ "$ssh_state" = none ] && ssh_start
    case $ssh_state in
    missing) skip "$name: ssh" "openssh-server, openssh-client or netcat-openbsd is not installed"; return ;;
    failed) return ;;
    esac
    user=$(id -un)
    local base="test+ssh://$user@127.0.0.1:$ssh_port/default?socket=$esc_sock&no_tty=1"
    run_api "$name: ssh (sshd on 127.0.0.1, nc -U)" "$base&command=$dir/ssh" "${name}h"
    run_err "$name: ssh with a key sshd does not know is a transport error" \
        "$base&command=$dir/nokey-ssh" 38
}

# Client-side failures that need no daemon.
closed=$(freeport)
run_err "tcp to a closed port: system error naming the cause" "test+tcp://127.0.0.1:$closed/default" 38 "Connection refused"
run_err "unix socket that does not exist" "test+unix:///default?socket=$work/none" 38 "$work/none"
run_err "unknown transport" "test+carrier-pigeon://host/default" 8 "carrier-pigeon"
run_err "ext without command=" "test+ext:///default" 8 "command"
run_err "ext command that does not exist" "test+ext:///default?command=$work/no-such-program" 38

# A host that looks like an ssh option reaches ssh as a host, after "--"
# (the ssh command here only writes down its arguments).
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "$0.args"\nexit 1\n' > "$work/argv-ssh"
chmod 755 "$work/argv-ssh"
"$errs" "test+ssh://-oProxyCommand=false/default?command=$work/argv-ssh" 38 > "$work/out.argv" 2>&1
[ "$(grep -A1 -x -- '--' "$work/argv-ssh.args" 2>/dev/null | tail -1)" = "-oProxyCommand=false" ]
result $? "ssh: a host that looks like an option comes after --" "$work/argv-ssh.args"

if [ -x "$build/tools/libvirtd/libvirtd" ]; then
    suite ours "$build/tools/libvirtd/libvirtd"
else
    skip "our libvirtd" "tools/libvirtd is not built"
fi
if [ -x /usr/sbin/libvirtd ] && command -v setpriv >/dev/null; then
    suite debian /usr/sbin/libvirtd
else
    skip "Debian's libvirtd" "libvirt-daemon is not installed"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
