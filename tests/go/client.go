// SPDX-License-Identifier: LGPL-2.1-or-later
// client.go: a Go program built the default way, with Debian's libvirt-go
// binding and Debian's headers, that calls into each of libvirt.so.0,
// libvirt-qemu.so.0 and libvirt-lxc.so.0. It prints one line per call;
// run-go-client.sh compares the lines on our libraries and on Debian's.
package main

import (
	"fmt"
	"os"
	"strings"

	libvirt "github.com/libvirt/libvirt-go"
)

func code(err error) string {
	if err == nil {
		return "ok"
	}
	if e, ok := err.(libvirt.Error); ok {
		return fmt.Sprintf("error code %d domain %d", e.Code, e.Domain)
	}
	return "error " + err.Error()
}

// The folder each of our three libraries was mapped from.
func mapped() {
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(string(maps), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			continue
		}
		p := f[len(f)-1]
		for _, lib := range []string{"libvirt.so.0", "libvirt-qemu.so.0", "libvirt-lxc.so.0"} {
			if strings.Contains(p, "/"+lib) && !seen[p] {
				seen[p] = true
				fmt.Fprintf(os.Stderr, "mapped %s %s\n", lib, p)
			}
		}
	}
}

func main() {
	conn, err := libvirt.NewConnect("test:///default")
	if err != nil {
		fmt.Println("open:", code(err))
		os.Exit(1)
	}
	defer conn.Close()
	dom, err := conn.LookupDomainByName("test")
	fmt.Println("libvirt LookupDomainByName:", code(err))
	if err != nil {
		os.Exit(1)
	}
	defer dom.Free()
	_, err = dom.QemuMonitorCommand(`{"execute":"query-status"}`, libvirt.DOMAIN_QEMU_MONITOR_COMMAND_DEFAULT)
	fmt.Println("qemu QemuMonitorCommand:", code(err))
	_, err = dom.QemuAgentCommand(`{"execute":"guest-ping"}`, libvirt.DOMAIN_QEMU_AGENT_COMMAND_DEFAULT, 0)
	fmt.Println("qemu QemuAgentCommand:", code(err))
	_, err = dom.LxcOpenNamespace(0)
	fmt.Println("lxc LxcOpenNamespace:", code(err))
	_, err = libvirt.DomainLxcEnterSecurityLabel(&libvirt.NodeSecurityModel{Model: "none"},
		&libvirt.SecurityLabel{Label: "unconfined"}, 0)
	fmt.Println("lxc DomainLxcEnterSecurityLabel none:", code(err))
	_, err = libvirt.DomainLxcEnterSecurityLabel(&libvirt.NodeSecurityModel{Model: "frob"},
		&libvirt.SecurityLabel{Label: "x"}, 0)
	fmt.Println("lxc DomainLxcEnterSecurityLabel frob:", code(err))
	mapped()
}
