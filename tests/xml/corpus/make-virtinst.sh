#!/bin/sh
# make-virtinst.sh: regenerate tests/xml/corpus/domain/virtinst-*.xml with
# Debian's virt-install (package virtinst), which writes the domain documents
# that real users feed to libvirt. The output is committed test data: CI
# does not run this script. Every document gets a fixed uuid and every
# interface a fixed MAC, so that running the script again gives the same
# files.
#
# Usage: tests/xml/corpus/make-virtinst.sh   (from anywhere)
set -eu

out=$(cd "$(dirname "$0")" && pwd)/domain
command -v virt-install >/dev/null || {
    echo "virt-install not found: apt-get install --no-install-recommends virtinst" >&2
    exit 1
}
rm -f "$out"/virtinst-*.xml

n=0
failed=0
# gen NAME VIRT-INSTALL-OPTIONS...: write domain/virtinst-NAME.xml. A case
# that gives no --network gets none (virt-install would add an interface
# with a random MAC), and one that gives no --disk gets none.
gen() {
    name=$1
    shift
    n=$((n + 1))
    uuid=$(printf 'c0a1b2c3-0000-4000-b000-%012d' "$n")
    extra=""
    case " $* " in *" --network "*) ;; *) extra="$extra --network none" ;; esac
    case " $* " in *" --disk "*) ;; *) extra="$extra --disk none" ;; esac
    # shellcheck disable=SC2086
    if ! virt-install --connect test:///default --print-xml --import \
        --noautoconsole --name "virtinst-$name" --uuid "$uuid" \
        --memory 512 --osinfo generic $extra "$@" >"$out/virtinst-$name.xml.tmp"; then
        rm -f "$out/virtinst-$name.xml.tmp"
        echo "virt-install failed for $name" >&2
        failed=1
        return
    fi
    mv "$out/virtinst-$name.xml.tmp" "$out/virtinst-$name.xml"
}

# test:///default has one storage pool, a dir at /default-pool; disks there
# are volumes virt-install would create (with --print-xml it creates none)
img=/default-pool

# the defaults virt-install picks for a plain guest
gen plain --network user,mac=52:54:00:10:00:01
gen network-default --network network=default,mac=52:54:00:10:00:02

# disks: every bus, a few formats and drivers, cdrom, floppy, block, network
gen disk-virtio-qcow2 --disk path=$img/a.qcow2,size=1,driver.name=qemu,driver.type=qcow2,bus=virtio,cache=none,io=native,discard=unmap,driver.detect_zeroes=unmap,driver.queues=2
gen disk-sata-raw --disk path=$img/b.raw,size=1,driver.name=qemu,driver.type=raw,bus=sata,serial=SATA01
gen disk-scsi --controller type=scsi,model=virtio-scsi --disk path=$img/c.img,size=1,bus=scsi,driver.discard=unmap
gen disk-ide --disk path=$img/d.img,size=1,bus=ide,readonly=on
gen disk-usb --disk path=$img/e.img,size=1,bus=usb,removable=on
gen disk-cdrom --disk path=$img/install.iso,size=1,device=cdrom,bus=sata
gen disk-floppy --disk path=$img/f.img,size=1,device=floppy
# virt-install will not name a block device the test host lacks: a file
# disk, made a block one with --xml
gen disk-block --disk path=$img/blk.img,size=1,bus=virtio,shareable=on,cache=directsync \
    --xml ./devices/disk/@type=block --xml xpath.delete=./devices/disk/source/@file \
    --xml ./devices/disk/source/@dev=/dev/sdb
gen disk-network-nbd --disk source.protocol=nbd,source.host.name=127.0.0.1,source.host.port=10809,source.name=export,bus=virtio
gen disk-vmdk --disk path=$img/g.vmdk,size=1,driver.type=vmdk,bus=sata
gen disk-boot-order --disk path=$img/h.img,size=1,bus=virtio,boot.order=2 --network network=default,mac=52:54:00:10:00:03,boot.order=1
gen disk-iotune --disk path=$img/i.img,size=1,bus=virtio,iotune.total_bytes_sec=10485760,iotune.total_iops_sec=500

# every network type
gen net-network --network network=default,mac=52:54:00:10:00:10,model=virtio
gen net-bridge --network bridge=br0,mac=52:54:00:10:00:11,model=e1000e,target.dev=vnet7
gen net-user --network user,mac=52:54:00:10:00:12,model=rtl8139
gen net-direct --network type=direct,source=eth0,source.mode=vepa,mac=52:54:00:10:00:13
gen net-ethernet --network type=ethernet,target.dev=tap0,mac=52:54:00:10:00:14
# virt-install has no options for these sources: xpath sets them
gen net-mcast --network type=mcast,xpath0.set=./source/@address=230.0.0.1,xpath1.set=./source/@port=5558,mac=52:54:00:10:00:15
gen net-udp --network type=udp,xpath0.set=./source/@address=127.0.0.1,xpath1.set=./source/@port=5000,xpath2.set=./source/local/@address=127.0.0.1,xpath3.set=./source/local/@port=5001,mac=52:54:00:10:00:16
gen net-vhostuser --network type=vhostuser,source.type=unix,source.path=/tmp/vhost.sock,source.mode=client,model=virtio,mac=52:54:00:10:00:17
gen net-options --network network=default,mac=52:54:00:10:00:18,model=virtio,driver.name=vhost,driver.queues=4,link.state=down,mtu.size=9000,rom.bar=off
gen net-multiple --network network=default,mac=52:54:00:10:00:19 --network bridge=br1,mac=52:54:00:10:00:1a

# graphics and video
gen graphics-vnc --graphics vnc,listen=127.0.0.1,port=5901,keymap=en-us,password=secret
gen graphics-spice --graphics spice,listen=127.0.0.1,image.compression=auto_glz,streaming.mode=filter
gen graphics-none --graphics none
gen graphics-egl --graphics egl-headless --graphics vnc,listen=127.0.0.1
gen video-vga --video vga
gen video-cirrus --video cirrus
gen video-qxl --video qxl,model.ram=65536,model.vram=65536,model.heads=1
gen video-virtio --video virtio,model.acceleration.accel3d=no
gen video-bochs --video bochs
gen video-ramfb --video ramfb
gen video-none --video none

# sound, channels, rng, tpm
gen sound-ich9 --sound ich9
gen sound-ac97 --sound ac97
gen sound-es1370 --sound es1370
gen sound-usb --sound usb
gen channel-unix --channel unix,target.type=virtio,target.name=org.qemu.guest_agent.0
gen channel-pty --channel pty,target.type=guestfwd,target.address=10.0.2.1,target.port=4600
gen rng-random --rng /dev/urandom
gen rng-egd --rng type=egd,backend.type=tcp,backend.source.mode=connect,backend.source.host=127.0.0.1,backend.source.service=8000
gen tpm-emulator --tpm type=emulator,model=tpm-crb,version=2.0
gen tpm-passthrough --tpm /dev/tpm0

# controllers, usb and input devices
gen usb-xhci --controller usb3
gen usb-none --controller type=usb,model=none
gen input-devices --input keyboard,bus=usb --input mouse,bus=virtio --input tablet,bus=virtio
gen serial-console --serial pty --console pty,target.type=virtio
gen parallel-file --parallel file,path=/var/log/parallel.log

# watchdog, panic, filesystems, host devices, misc devices
gen watchdog --watchdog i6300esb,action=poweroff
gen panic --panic isa
gen filesystem --filesystem /srv/share,share,accessmode=mapped,readonly=on
# the test host has no PCI or USB node devices for --hostdev to name: --xml
# writes the host devices
gen hostdev-pci --xml ./devices/hostdev/@mode=subsystem --xml ./devices/hostdev/@type=pci \
    --xml ./devices/hostdev/@managed=yes --xml ./devices/hostdev/source/address/@domain=0x0000 \
    --xml ./devices/hostdev/source/address/@bus=0x06 --xml ./devices/hostdev/source/address/@slot=0x02 \
    --xml ./devices/hostdev/source/address/@function=0x0
gen hostdev-usb --xml ./devices/hostdev/@mode=subsystem --xml ./devices/hostdev/@type=usb \
    --xml ./devices/hostdev/source/vendor/@id=0x1234 --xml ./devices/hostdev/source/product/@id=0xbeef
gen redirdev --redirdev usb,type=spicevmc --redirdev usb,type=tcp,server=127.0.0.1:4000
gen smartcard --smartcard passthrough,type=spicevmc
gen memballoon --memballoon virtio,autodeflate=on,stats.period=10
gen vsock --vsock cid.auto=no,cid.address=5
gen iommu --iommu model=intel,driver.intremap=on --features ioapic.driver=qemu

# cpu modes and numa
gen cpu-host-passthrough --cpu host-passthrough
gen cpu-host-model --cpu host-model
gen cpu-custom --vcpus 4,sockets=1,cores=2,threads=2 --cpu Westmere,+aes,-vmx,match=exact
gen cpu-numa --vcpus 4 --cpu Westmere,cell0.id=0,cell0.cpus=0-1,cell0.memory=262144,cell1.id=1,cell1.cpus=2-3,cell1.memory=262144
gen numatune --numatune 0,mode=strict --vcpus 2,placement=static,cpuset=0-1
gen cputune --vcpus 2 --cputune vcpupin0.vcpu=0,vcpupin0.cpuset=0,vcpupin1.vcpu=1,vcpupin1.cpuset=1
gen vcpus-max --vcpus 2,maxvcpus=4

# memory: backing, tuning, balloon limits
gen memory-backing --memorybacking hugepages=on,nosharepages=on,locked=on
gen memory-max --memory 512,maxmemory=1024
gen memtune --memtune hard_limit=1048576,soft_limit=524288
gen blkiotune --blkiotune weight=500

# firmware and boot
gen boot-loader --boot loader=/usr/share/OVMF/OVMF_CODE.fd,loader.readonly=yes,loader.type=pflash,nvram=/var/lib/libvirt/qemu/nvram/vi_VARS.fd
gen boot-kernel --boot kernel=/boot/vmlinuz,initrd=/boot/initrd.img,kernel_args="console=ttyS0"
gen boot-menu --boot menu=on,useserial=on,network,hd

# domain-wide settings
gen metadata --metadata title="A title",description="A description"
gen features --features acpi=on,apic=on,pae=on,hap=on,vmport=off,kvm.hidden.state=on
gen clock --clock offset=localtime,rtc_tickpolicy=catchup,pit_tickpolicy=delay,hpet_present=no
gen pm --pm suspend_to_mem=on,suspend_to_disk=off
gen events --events on_poweroff=preserve,on_reboot=destroy,on_crash=restart
gen sysinfo --sysinfo system.manufacturer=Example,system.product=Virt
gen seclabel --seclabel type=none
gen iothreads --iothreads 2
gen resource --resource partition=/machine

exit "$failed"
