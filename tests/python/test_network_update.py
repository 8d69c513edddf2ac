"""virNetworkUpdate in libvirt 9.0's test driver, differential: the same
script runs on our library and on Debian's (oracle_env), and both must give
the results, errors (code, domain, message) and documents written here.

Each scenario is a list of steps on a fresh test:///default: defines,
starts and stops, updates (command, section, parentIndex, fragment, flags)
and the network's XML, each with libvirt's answer."""
import unittest

import tap
from tap import libvirt

E = "err"

COMMANDS = {"modify": libvirt.VIR_NETWORK_UPDATE_COMMAND_MODIFY,
            "delete": libvirt.VIR_NETWORK_UPDATE_COMMAND_DELETE,
            "add-last": libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST,
            "add-first": libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_FIRST}
SECTIONS = {"bridge": libvirt.VIR_NETWORK_SECTION_BRIDGE,
            "domain": libvirt.VIR_NETWORK_SECTION_DOMAIN,
            "ip": libvirt.VIR_NETWORK_SECTION_IP,
            "ip-dhcp-host": libvirt.VIR_NETWORK_SECTION_IP_DHCP_HOST,
            "ip-dhcp-range": libvirt.VIR_NETWORK_SECTION_IP_DHCP_RANGE,
            "forward": libvirt.VIR_NETWORK_SECTION_FORWARD,
            "forward-interface": libvirt.VIR_NETWORK_SECTION_FORWARD_INTERFACE,
            "forward-pf": libvirt.VIR_NETWORK_SECTION_FORWARD_PF,
            "portgroup": libvirt.VIR_NETWORK_SECTION_PORTGROUP,
            "dns-host": libvirt.VIR_NETWORK_SECTION_DNS_HOST,
            "dns-txt": libvirt.VIR_NETWORK_SECTION_DNS_TXT,
            "dns-srv": libvirt.VIR_NETWORK_SECTION_DNS_SRV}


def outcome(fn, *args):
    """("ok", result) or (E, code, domain, message)."""
    try:
        return ("ok", fn(*args))
    except libvirt.libvirtError as e:
        return (E, e.get_error_code(), e.get_error_domain(), e.get_error_message())


def run_step(conn, handles, step):
    """One step of a scenario; networks are looked up once, by name, and
    their handles kept (a destroyed transient one answers by UUID)."""
    what = step[0]
    if what in ("define", "create"):
        fn = conn.networkDefineXML if what == "define" else conn.networkCreateXML
        r = outcome(fn, step[1])
        if r[0] == "ok":
            handles[r[1].name()] = r[1]
            r = ("ok", r[1].name())
        return r
    if step[1] not in handles:
        handles[step[1]] = conn.networkLookupByName(step[1])
    net = handles[step[1]]
    if what == "update":
        _, _, cmd, sec, idx, xml, flags = step
        return outcome(net.update, COMMANDS.get(cmd, cmd), SECTIONS.get(sec, sec), idx, xml, flags)
    if what == "xml":
        return outcome(net.XMLDesc, 0)
    if what == "xml_inactive":
        return outcome(net.XMLDesc, libvirt.VIR_NETWORK_XML_INACTIVE)
    return outcome({"start": net.create, "destroy": net.destroy, "undefine": net.undefine}[what])



SCENARIOS = {
    'refusals': ("Every section and command on test:///default's network; what no section takes.", [
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('xml_inactive', 'default'),
         ('err', 8, 12, 'unsupported flags (0x1) in function testNetworkGetXMLDesc')),
        (('update', 'default', 'modify', 0, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 'modify', 1, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'bridge' section of network 'default'")),
        (('update', 'default', 'modify', 2, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'domain' section of network 'default'")),
        (('update', 'default', 'modify', 3, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'ip' section of network 'default'")),
        (('update', 'default', 'modify', 4, -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <host>, while updating network 'default'")),
        (('update', 'default', 'modify', 5, -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <range>, while updating network 'default'")),
        (('update', 'default', 'modify', 6, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'forward' section of network 'default'")),
        (('update', 'default', 'modify', 7, -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <interface>, while updating network 'default'")),
        (('update', 'default', 'modify', 8, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'forward pf' section of network 'default'")),
        (('update', 'default', 'modify', 9, -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <portgroup>, while updating network 'default'")),
        (('update', 'default', 'modify', 10, -1, '<foo/>', 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS HOST records cannot be modified, only added or deleted')),
        (('update', 'default', 'modify', 11, -1, '<foo/>', 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS TXT records cannot be modified, only added or deleted')),
        (('update', 'default', 'modify', 12, -1, '<foo/>', 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS SRV records cannot be modified, only added or deleted')),
        (('update', 'default', 'modify', 13, -1, '<foo/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update',
           'default',
           0,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update',
           'default',
           'modify',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate an existing dhcp host entry with "
           '"mac=\'00:11:22:33:44:05\'" "name=\'(null)\'" "ip=\'192.168.122.5\'" in network \'default\'')),
        (('update',
           'default',
           'delete',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network "
           "'default'")),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('ok', 0)),
        (('update',
           'default',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'default' that "
           'matches "<host mac=\'00:11:22:33:44:05\' name=\'(null)\' ip=\'192.168.122.5\'/>"')),
        (('update',
           'default',
           5,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 'modify', 'ip-dhcp-host', -1, '<host/>', 4),
         ('err', 8, 12, 'unsupported flags (0x4) in function testNetworkUpdate')),
        (('update', 'default', 'add-last', 'ip-dhcp-host', -1, '<host', 0),
         ('err', 35, 19, "network_update_xml:1: Couldn't find end of Start Tag host line 1\n<host\n-----^")),
        (('update', 'default', 'add-last', 'ip-dhcp-host', -1, '', 0),
         ('err', 35, 19, 'network_update_xml:1: Document is empty\n(null)\n^')),
        (('update', 'default', 'add-last', 'ip-dhcp-host', -1, 'text', 0),
         ('err', 35, 19, "network_update_xml:1: Start tag expected, '<' not found\ntext\n^")),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host name='a' ip='192.168.122.70'>\t<lease "
           "expiry='999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999'></host>",
           0),
         ('err',
           35,
           19,
           'network_update_xml:1: Opening and ending tag mismatch: lease line 1 and host\n'
           "<host name='a' ip='192.168.122.70'>\t<lease "
           "expiry='999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999'></host>\n"
           '-----------------------------------\t'
           '------------------------------------------------------------------------------------------------------------------^')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host name='éé' ip='192.168.122.71'><x></host>",
           0),
         ('err',
           35,
           19,
           'network_update_xml:1: Opening and ending tag mismatch: x line 1 and host\n'
           "<host name='éé' ip='192.168.122.71'><x></host>\n"
           '------------------------------------------------^')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:20' ip='192.168.122.20'/><x/>",
           0),
         ('err',
           35,
           19,
           'network_update_xml:1: Extra content at the end of the document\n'
           "<host mac='00:11:22:33:44:20' ip='192.168.122.20'/><x/>\n"
           '---------------------------------------------------^')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "  <!-- c --><host mac='00:11:22:33:44:21' ip='192.168.122.21'/>  ",
           0),
         ('ok', 0)),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<?xml version='1.0'?><host mac='00:11:22:33:44:22' ip='192.168.122.22'/>",
           0),
         ('ok', 0)),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<n:host xmlns:n='urn:x' mac='00:11:22:33:44:23' ip='192.168.122.23'/>",
           0),
         ('ok', 0)),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:24' ip='192.168.122.24'><foo/></host>",
           0),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:21' ip='192.168.122.21'/>\n"
           "      <host mac='00:11:22:33:44:22' ip='192.168.122.22'/>\n"
           "      <host mac='00:11:22:33:44:23' ip='192.168.122.23'/>\n"
           "      <host mac='00:11:22:33:44:24' ip='192.168.122.24'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           0,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update',
           'default',
           5,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update',
           'default',
           99,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update',
           'default',
           0,
           'ip-dhcp-range',
           -1,
           "<range start='192.168.122.2' end='192.168.122.254'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update',
           'default',
           5,
           'ip-dhcp-range',
           -1,
           "<range start='192.168.122.2' end='192.168.122.254'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update',
           'default',
           99,
           'ip-dhcp-range',
           -1,
           "<range start='192.168.122.2' end='192.168.122.254'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'forward-interface', -1, "<interface dev='x'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 'default', 5, 'forward-interface', -1, "<interface dev='x'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 99, 'forward-interface', -1, "<interface dev='x'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'portgroup', -1, "<portgroup name='zz'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 'default', 5, 'portgroup', -1, "<portgroup name='zz'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 99, 'portgroup', -1, "<portgroup name='zz'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'dns-host', -1, "<host ip='1.2.3.4'><hostname>q</hostname></host>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 'default', 5, 'dns-host', -1, "<host ip='1.2.3.4'><hostname>q</hostname></host>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 99, 'dns-host', -1, "<host ip='1.2.3.4'><hostname>q</hostname></host>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'dns-txt', -1, "<txt name='a' value='b'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 'default', 5, 'dns-txt', -1, "<txt name='a' value='b'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 99, 'dns-txt', -1, "<txt name='a' value='b'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'dns-srv', -1, "<srv service='a' protocol='tcp'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 'default', 5, 'dns-srv', -1, "<srv service='a' protocol='tcp'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 5')),
        (('update', 'default', 99, 'dns-srv', -1, "<srv service='a' protocol='tcp'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 99')),
        (('update', 'default', 0, 'bridge', -1, '<bridge/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'bridge' section of network 'default'")),
        (('update', 'default', 5, 'bridge', -1, '<bridge/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'bridge' section of network 'default'")),
        (('update', 'default', 99, 'bridge', -1, '<bridge/>', 0),
         ('err', 84, 19, "Operation not supported: can't update 'bridge' section of network 'default'")),
        (('update', 'default', 0, 14, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 5, 14, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 99, 14, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 0, 4294967295, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 5, 4294967295, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update', 'default', 99, 4294967295, -1, '<x/>', 0),
         ('err', 84, 19, "Operation not supported: can't update unrecognized section of network")),
        (('update',
           'default',
           4294967295,
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code -1')),
        (('update', 'default', 2147483648, 'portgroup', -1, "<portgroup name='x'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code -2147483648')),
        (('update',
           'default',
           'modify',
           'ip-dhcp-host',
           -2147483648,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate an existing dhcp host entry with "
           '"mac=\'00:11:22:33:44:30\'" "name=\'(null)\'" "ip=\'192.168.122.30\'" in network \'default\'')),
        (('update',
           'default',
           'modify',
           'ip-dhcp-host',
           2147483647,
           "<host mac='00:11:22:33:44:30' ip='192.168.122.30'/>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found at "
           "index 2147483647 in network 'default'")),
        (('update', 'default', 'modify', 'ip-dhcp-range', 9, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <range>, while updating network 'default'")),
        (('update', 'default', 'modify', 'portgroup', 9, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <portgroup>, while updating network 'default'")),
        (('update', 'default', 'delete', 'dns-host', -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <host>, while updating network 'default'")),
        (('update', 'default', 'modify', 'dns-host', -1, '<foo/>', 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS HOST records cannot be modified, only added or deleted')),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:21' ip='192.168.122.21'/>\n"
           "      <host mac='00:11:22:33:44:22' ip='192.168.122.22'/>\n"
           "      <host mac='00:11:22:33:44:23' ip='192.168.122.23'/>\n"
           "      <host mac='00:11:22:33:44:24' ip='192.168.122.24'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
    ]),
    'flags': ("AFFECT_CURRENT/LIVE/CONFIG on running, stopped, persistent and transient networks; the persistent definition of a running network is libvirt's newDef, never shown.", [
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           2),
         ('ok', 0)),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:66' ip='192.168.122.6'/>",
           1),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:66' ip='192.168.122.6'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('destroy', 'default'),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:66' ip='192.168.122.6'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:05' ip='192.168.122.5'/>",
           1),
         ('err', 55, 19, 'Requested operation is not valid: network is not running')),
        (('update', 'default', 'add-last', 'ip-dhcp-host', -1, '<h', 1),
         ('err', 55, 19, 'Requested operation is not valid: network is not running')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:07' ip='192.168.122.7'/>",
           0),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='192.168.122.7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:08' ip='192.168.122.8'/>",
           3),
         ('err', 55, 19, 'Requested operation is not valid: network is not running')),
        (('start', 'default'),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='192.168.122.7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:10' ip='192.168.122.10'/>",
           2),
         ('ok', 0)),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:10' ip='192.168.122.10'/>",
           3),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'default' that "
           'matches "<host mac=\'00:11:22:33:44:10\' name=\'(null)\' ip=\'192.168.122.10\'/>"')),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='192.168.122.7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:11' ip='192.168.122.11'/>",
           3),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='192.168.122.7'/>\n"
           "      <host mac='00:11:22:33:44:11' ip='192.168.122.11'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update',
           'default',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:11' ip='192.168.122.11'/>",
           1),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'default' that "
           'matches "<host mac=\'00:11:22:33:44:11\' name=\'(null)\' ip=\'192.168.122.11\'/>"')),
        (('destroy', 'default'),
         ('ok', 0)),
        (('update', 'default', 'delete', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:11'/>", 2),
         ('ok', 0)),
        (('xml', 'default'),
         ('ok',
           '<network>\n'
           '  <name>default</name>\n'
           '  <uuid>dd8fe884-6c02-601e-7551-cca97df1c5df</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge name='virbr0' stp='on' delay='0'/>\n"
           "  <ip address='192.168.122.1' netmask='255.255.255.0'>\n"
           '    <dhcp>\n'
           "      <range start='192.168.122.2' end='192.168.122.254'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='192.168.122.5'/>\n"
           "      <host mac='00:11:22:33:44:10' ip='192.168.122.10'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('create',
           "<network><name>t</name><uuid>00000000-0000-4000-8000-000000000009</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 't')),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:07' ip='10.0.0.7'/>", 2),
         ('err',
           55,
           19,
           'Requested operation is not valid: cannot change persistent config of a transient network')),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, '<h', 2),
         ('err',
           55,
           19,
           'Requested operation is not valid: cannot change persistent config of a transient network')),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:07' ip='10.0.0.7'/>", 3),
         ('err',
           55,
           19,
           'Requested operation is not valid: cannot change persistent config of a transient network')),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:07' ip='10.0.0.7'/>", 0),
         ('ok', 0)),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, '<h', 8),
         ('err', 8, 12, 'unsupported flags (0x8) in function testNetworkUpdate')),
        (('xml', 't'),
         ('ok',
           '<network>\n'
           '  <name>t</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000009</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='10.0.0.7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('destroy', 't'),
         ('ok', 0)),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, '<h', 0),
         ('err',
           43,
           12,
           "Network not found: no network with matching uuid '00000000-0000-4000-8000-000000000009'")),
        (('update', 't', 'add-last', 'ip-dhcp-host', -1, '<h', 8),
         ('err', 8, 12, 'unsupported flags (0x8) in function testNetworkUpdate')),
    ]),
    'newdef': ('Which definition a config change starts from: a define of a running network and a create over a stopped one set it aside, and the test driver never applies it.', [
        (('define',
           "<network><name>p</name><uuid>00000000-0000-4000-8000-000000000004</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 'p')),
        (('start', 'p'),
         ('ok', 0)),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:01' ip='10.0.0.1'/>", 1),
         ('ok', 0)),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:02' ip='10.0.0.2'/>", 2),
         ('ok', 0)),
        (('destroy', 'p'),
         ('ok', 0)),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:03' ip='10.0.0.3'/>", 2),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:01' ip='10.0.0.1'/>\n"
           "      <host mac='00:11:22:33:44:02' ip='10.0.0.2'/>\n"
           "      <host mac='00:11:22:33:44:03' ip='10.0.0.3'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('start', 'p'),
         ('ok', 0)),
        (('define',
           "<network><name>p</name><uuid>00000000-0000-4000-8000-000000000004</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><host mac='00:11:22:33:44:09' ip='10.0.0.9'/><range start='10.0.0.2' "
           "end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 'p')),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:01' ip='10.0.0.1'/>\n"
           "      <host mac='00:11:22:33:44:02' ip='10.0.0.2'/>\n"
           "      <host mac='00:11:22:33:44:03' ip='10.0.0.3'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:04' ip='10.0.0.4'/>", 2),
         ('ok', 0)),
        (('destroy', 'p'),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:01' ip='10.0.0.1'/>\n"
           "      <host mac='00:11:22:33:44:02' ip='10.0.0.2'/>\n"
           "      <host mac='00:11:22:33:44:03' ip='10.0.0.3'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:05' ip='10.0.0.5'/>", 2),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:09' ip='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:04' ip='10.0.0.4'/>\n"
           "      <host mac='00:11:22:33:44:05' ip='10.0.0.5'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('undefine', 'p'),
         ('ok', 0)),
        (('define',
           "<network><name>p</name><uuid>00000000-0000-4000-8000-000000000004</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 'p')),
        (('create',
           "<network><name>p</name><uuid>00000000-0000-4000-8000-000000000004</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><host mac='00:11:22:33:44:08' ip='10.0.0.8'/><range start='10.0.0.2' "
           "end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 'p')),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:08' ip='10.0.0.8'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:06' ip='10.0.0.6'/>", 2),
         ('ok', 0)),
        (('destroy', 'p'),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:08' ip='10.0.0.8'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:07' ip='10.0.0.7'/>", 2),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:06' ip='10.0.0.6'/>\n"
           "      <host mac='00:11:22:33:44:07' ip='10.0.0.7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
        (('define',
           "<network><name>p</name><uuid>00000000-0000-4000-8000-000000000004</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><host mac='00:11:22:33:44:01' ip='10.0.0.1'/><range start='10.0.0.2' "
           "end='10.0.0.9'/></dhcp></ip></network>"),
         ('ok', 'p')),
        (('update', 'p', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:02' ip='10.0.0.2'/>", 2),
         ('ok', 0)),
        (('xml', 'p'),
         ('ok',
           '<network>\n'
           '  <name>p</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000004</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host mac='00:11:22:33:44:01' ip='10.0.0.1'/>\n"
           "      <host mac='00:11:22:33:44:02' ip='10.0.0.2'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
    ]),
    'dhcp_host': ("<ip><dhcp><host>: which entry modify and delete pick, duplicates, the <ip> chosen, the fragment's checks.", [
        (('define',
           "<network><name>h</name><uuid>00000000-0000-4000-8000-000000000001</uuid><ip address='10.0.0.1' "
           "prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'/>\n"
           "<host mac='00:11:22:33:44:01' name='a' ip='10.0.0.11'/><host name='b' "
           "ip='10.0.0.12'/></dhcp></ip>\n"
           "<ip family='ipv6' address='fd00::1' prefix='64'/><ip address='10.1.0.1' prefix='24'/></network>"),
         ('ok', 'h')),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:01' ip='10.0.0.21'/>", 0),
         ('ok', 0)),
        (('update',
           'h',
           'modify',
           'ip-dhcp-host',
           -1,
           "<host name='b' ip='10.0.0.22' mac='00:11:22:33:44:02'/>",
           0),
         ('ok', 0)),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host ip='10.0.0.21' name='z'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host ip='10.0.0.99' name='q'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate an existing dhcp host entry with "
           '"mac=\'unknown\'" "name=\'q\'" "ip=\'10.0.0.99\'" in network \'h\'')),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:99' name='a'/>", 0),
         ('err', 27, 19, "XML error: Missing IP address in static host definition for network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='zz'/>", 0),
         ('err', 27, 19, "XML error: Missing IP address in static host definition for network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host ip='10.0.0.55'/>", 0),
         ('err',
           27,
           19,
           "XML error: Static host definition in IPv4 network 'h' must have mac or name attribute")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, '<host/>', 0),
         ('err',
           27,
           19,
           "XML error: Static host definition in IPv4 network 'h' must have mac or name attribute")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host mac='01:11:22:33:44:01' ip='10.0.0.21'/>", 0),
         ('err',
           27,
           19,
           "XML error: expected unicast mac address, found multicast '01:11:22:33:44:01' in network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host mac='zz' ip='10.0.0.21'/>", 0),
         ('err', 27, 19, "XML error: Cannot parse MAC address 'zz' in network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='1abc' ip='10.0.0.21'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='_abc' ip='10.0.0.21'/>", 0),
         ('err', 27, 19, "XML error: Cannot use host name '_abc' in network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='abc' ip='10.0.0'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate an existing dhcp host entry with "
           '"mac=\'unknown\'" "name=\'abc\'" "ip=\'10.0.0.0\'" in network \'h\'')),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='abc' ip='bogus'/>", 0),
         ('err', 27, 19, "XML error: Invalid IP address in static host definition for network 'h'")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='abc' ip='fd00::5'/>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: the address family of a host entry IP must match the address '
           "family of the dhcp element's parent")),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='abc' id='0:1:2' ip='10.0.0.21'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'modify', 'ip-dhcp-host', -1, "<host name='abc' id='zz' ip='10.0.0.21'/>", 0),
         ('err', 27, 19, "XML error: Invalid character 'z' in id 'zz' of network 'h'")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, '<host/>', 0),
         ('err',
           27,
           19,
           'XML error: At least one of name, mac, or ip attribute must be specified for static host '
           "definition in network 'h' ")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host id='01'/>", 0),
         ('err',
           27,
           19,
           'XML error: At least one of name, mac, or ip attribute must be specified for static host '
           "definition in network 'h' ")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:01' name='nomatch'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network 'h'")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host ip='10.0.0.77'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network 'h'")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host ip='fd00::77'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network 'h'")),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -1, "<host name='c' ip='10.0.0.13'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -1, "<host name='c' ip='10.0.0.14'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'h' that "
           'matches "<host mac=\'unknown\' name=\'c\' ip=\'10.0.0.14\'/>"')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -1, "<host name='d' ip='10.0.0.13'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'h' that "
           'matches "<host mac=\'unknown\' name=\'d\' ip=\'10.0.0.13\'/>"')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -1, "<host name='e' ip='10.5.0.13'/>", 0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:0f' ip='10.0.0.15'><lease expiry='1' unit='hours'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:1f' ip='10.0.0.16'><lease expiry='1' unit='seconds'/></host>",
           0),
         ('err',
           67,
           19,
           'unsupported configuration: The minimum lease time should be greater than 2 minutes')),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:1f' ip='10.0.0.16'><lease expiry='0' unit='hours'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:2f' ip='10.0.0.17'><lease unit='hours'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:3f' ip='10.0.0.18'><lease expiry='5'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:25' ip='10.0.0.25'><lease expiry='x'/></host>",
           0),
         ('err',
           27,
           5,
           "XML error: Invalid value for attribute 'expiry' in element 'lease': 'x'. Expected non-negative "
           'integer value')),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:26' ip='10.0.0.26'><lease expiry='5' unit='days'/></host>",
           0),
         ('err', 27, 5, "XML error: Invalid value for attribute 'unit' in element 'lease': 'days'.")),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:1E' ip='010.0.0.017'/>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:2.7' ip='10.0.0.40'><lease expiry='5' unit='houvs'/></host>",
           0),
         ('err', 27, 19, "XML error: Cannot parse MAC address '00:11:2.7' in network 'h'")),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host ip='10.0.0.41'><lease expiry='1node'/></host>",
           0),
         ('err',
           27,
           19,
           "XML error: Static host definition in IPv4 network 'h' must have mac or name attribute")),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host name='l1' ip='10.0.0.42'><lease expiry='010'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host name='l2' ip='10.0.0.43'><lease expiry='+0x10' unit='hours'/></host>",
           0),
         ('ok', 0)),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host name='l3' ip='10.0.0.44'><lease expiry=' 12 '/></host>",
           0),
         ('err',
           27,
           5,
           "XML error: Invalid value for attribute 'expiry' in element 'lease': ' 12 '. Expected "
           'non-negative integer value')),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host name='l4' ip='10.0.0.45'><lease expiry='12' unit=' hours'/></host>",
           0),
         ('err', 27, 5, "XML error: Invalid value for attribute 'unit' in element 'lease': ' hours'.")),
        (('update',
           'h',
           'add-first',
           'ip-dhcp-host',
           -1,
           "<host name='l5' ip='10.0.0.46'><lease expiry='-1'/></host>",
           0),
         ('err',
           27,
           5,
           "XML error: Invalid value for attribute 'expiry' in element 'lease': '-1'. Expected non-negative "
           'integer value')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:1e' ip='10.0.0.30'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp host entry in network 'h' that "
           'matches "<host mac=\'00:11:22:33:44:1e\' name=\'(null)\' ip=\'10.0.0.30\'/>"')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 1, "<host name='v6' ip='fd00::5'/>", 0),
         ('ok', 0)),
        (('update',
           'h',
           'add-last',
           'ip-dhcp-host',
           1,
           "<host name='v6b' ip='fd00::6' mac='00:11:22:33:44:01'/>",
           0),
         ('err',
           27,
           19,
           "XML error: Invalid to specify MAC address '00:11:22:33:44:01' in network 'h' IPv6 static host "
           'definition')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 1, "<host id='0:1' ip='fd00::7'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 1, "<host ip='fd00::8'/>", 0),
         ('err',
           27,
           19,
           "XML error: Static host definition in IPv6 network 'h' must have id or name attribute")),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 2, "<host name='v4' ip='10.1.0.5'/>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: dhcp is supported only for a single IPv4 address on each '
           'network')),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 3, "<host name='v4' ip='10.1.0.5'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found at "
           "index 3 in network 'h'")),
        (('update', 'h', 'add-last', 'ip-dhcp-host', 7, "<host name='v4' ip='10.1.0.5'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found at "
           "index 7 in network 'h'")),
        (('update', 'h', 'add-last', 'ip-dhcp-host', -2, "<host name='v4' ip='10.1.0.5'/>", 0),
         ('ok', 0)),
        (('update',
           'h',
           'add-last',
           'ip-dhcp-host',
           -1,
           "<host mac='00:11:22:33:44:01' ip='10.0.0.11' name='a'/>",
           0),
         ('ok', 0)),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host mac='00:11:22:33:44:01'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host name='b'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host name='b' ip='10.0.0.99'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network 'h'")),
        (('update', 'h', 'delete', 'ip-dhcp-host', -1, "<host name='b' ip='10.0.0.22'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp host entry in network 'h'")),
        (('xml', 'h'),
         ('ok',
           '<network>\n'
           '  <name>h</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000001</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host name='l1' ip='10.0.0.42'>\n"
           "        <lease expiry='8' unit='minutes'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:1E' ip='8.0.0.15'/>\n"
           "      <host mac='00:11:22:33:44:3f' ip='10.0.0.18'>\n"
           "        <lease expiry='5' unit='minutes'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:2f' ip='10.0.0.17'/>\n"
           "      <host mac='00:11:22:33:44:1f' ip='10.0.0.16'>\n"
           "        <lease expiry='0'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:0f' ip='10.0.0.15'>\n"
           "        <lease expiry='1' unit='hours'/>\n"
           '      </host>\n'
           "      <host id='0:1:2' name='abc' ip='10.0.0.21'/>\n"
           "      <host name='c' ip='10.0.0.13'/>\n"
           "      <host name='e' ip='10.5.0.13'/>\n"
           "      <host name='v4' ip='10.1.0.5'/>\n"
           "      <host mac='00:11:22:33:44:01' name='a' ip='10.0.0.11'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
           '    <dhcp>\n'
           "      <host name='v6' ip='fd00::5'/>\n"
           "      <host id='0:1' ip='fd00::7'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip address='10.1.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('update', 'h', 'delete', 'ip-dhcp-host', 1, "<host name='v6'/>", 0),
         ('ok', 0)),
        (('update', 'h', 'delete', 'ip-dhcp-host', 1, "<host ip='fd00::7'/>", 0),
         ('ok', 0)),
        (('xml', 'h'),
         ('ok',
           '<network>\n'
           '  <name>h</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000001</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           "      <host name='l1' ip='10.0.0.42'>\n"
           "        <lease expiry='8' unit='minutes'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:1E' ip='8.0.0.15'/>\n"
           "      <host mac='00:11:22:33:44:3f' ip='10.0.0.18'>\n"
           "        <lease expiry='5' unit='minutes'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:2f' ip='10.0.0.17'/>\n"
           "      <host mac='00:11:22:33:44:1f' ip='10.0.0.16'>\n"
           "        <lease expiry='0'/>\n"
           '      </host>\n'
           "      <host mac='00:11:22:33:44:0f' ip='10.0.0.15'>\n"
           "        <lease expiry='1' unit='hours'/>\n"
           '      </host>\n'
           "      <host id='0:1:2' name='abc' ip='10.0.0.21'/>\n"
           "      <host name='c' ip='10.0.0.13'/>\n"
           "      <host name='e' ip='10.5.0.13'/>\n"
           "      <host name='v4' ip='10.1.0.5'/>\n"
           "      <host mac='00:11:22:33:44:01' name='a' ip='10.0.0.11'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
           '  </ip>\n'
           "  <ip address='10.1.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('define', '<network><name>ee</name><uuid>00000000-0000-4000-8000-000000000005</uuid></network>'),
         ('ok', 'ee')),
        (('update', 'ee', 'add-last', 'ip-dhcp-host', -1, "<host name='a' ip='10.0.0.1'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found in "
           "network 'ee'")),
        (('update', 'ee', 'modify', 'ip-dhcp-host', -1, "<host name='a' ip='10.0.0.1'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found in "
           "network 'ee'")),
        (('update', 'ee', 'delete', 'ip-dhcp-host', -1, "<host name='a'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found in "
           "network 'ee'")),
    ]),
    'dhcp_range': ("<ip><dhcp><range>: add and delete only, exact matches, libvirt's range checks.", [
        (('define',
           "<network><name>r</name><uuid>00000000-0000-4000-8000-000000000002</uuid><forward mode='nat'/><ip "
           "address='10.0.0.1' prefix='24'><dhcp><range start='10.0.0.2' end='10.0.0.9'/></dhcp></ip>\n"
           "<ip family='ipv6' address='fd00::1' prefix='64'/><ip address='10.1.0.1' prefix='24'/></network>"),
         ('ok', 'r')),
        (('update', 'r', 'modify', 'ip-dhcp-range', -1, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('err', 84, 19, 'Operation not supported: dhcp ranges cannot be modified, only added or deleted')),
        (('update', 'r', 'modify', 'ip-dhcp-range', -1, '<foo/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <foo>, expecting <range>, while updating network 'r'")),
        (('update', 'r', 'add-last', 'ip-dhcp-range', -1, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp range entry in network 'r' that "
           'matches "<range start=\'10.0.0.2\' end=\'10.0.0.9\'/>"')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', -1, "<range start='10.0.0.20' end='10.0.0.29'/>", 0),
         ('ok', 0)),
        (('update',
           'r',
           'add-first',
           'ip-dhcp-range',
           -1,
           "<range start='10.0.0.30' end='10.0.0.39'><lease expiry='3' unit='hours'/></range>",
           0),
         ('ok', 0)),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40' end='10.0.0.39'/>", 0),
         ('err', 1, 0, 'internal error: range 10.0.0.40 - 10.0.0.39 is reversed ')),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40' end='10.0.1.39'/>", 0),
         ('err',
           1,
           0,
           'internal error: range 10.0.0.40 - 10.0.1.39 is not entirely within network 10.0.0.1/24')),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.0' end='10.0.0.39'/>", 0),
         ('err',
           1,
           0,
           'internal error: start of range 10.0.0.0 - 10.0.0.39 in network 10.0.0.1/24 is the network '
           'address')),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40' end='10.0.0.255'/>", 0),
         ('err',
           1,
           0,
           'internal error: end of range 10.0.0.40 - 10.0.0.255 in network 10.0.0.1/24 is the broadcast '
           'address')),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40'/>", 0),
         ('err', 27, 19, "XML error: Missing 'end' attribute in dhcp range for network 'r'")),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range end='10.0.0.40'/>", 0),
         ('err', 27, 19, "XML error: Missing 'start' attribute in dhcp range for network 'r'")),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='bogus'/>", 0),
         ('err', 38, 0, "Cannot parse socket address 'bogus': Name or service not known")),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='bogus' end='10.0.0.40'/>", 0),
         ('err', 38, 0, "Cannot parse socket address 'bogus': Name or service not known")),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40' end='bogus'/>", 0),
         ('err', 38, 0, "Cannot parse socket address 'bogus': Name or service not known")),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='fd00::2' end='fd00::9'/>", 0),
         ('err',
           1,
           0,
           'internal error: mismatch of address family in range fd00::2 - fd00::9 for network 10.0.0.1')),
        (('update', 'r', 'add-first', 'ip-dhcp-range', -1, "<range start='10.0.0.40' end='fd00::9'/>", 0),
         ('err', 1, 0, 'internal error: mismatch of address family in range 10.0.0.40 - fd00::9')),
        (('update',
           'r',
           'add-first',
           'ip-dhcp-range',
           -1,
           "<range start='10.0.0.50' end='10.0.0.59'><lease expiry='60' unit='seconds'/></range>",
           0),
         ('err',
           67,
           19,
           'unsupported configuration: The minimum lease time should be greater than 2 minutes')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 1, "<range start='fd00::2' end='fd00::9'/>", 0),
         ('ok', 0)),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 1, "<range start='fd00::2' end='fd00::9'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing dhcp range entry in network 'r' that "
           'matches "<range start=\'fd00::2\' end=\'fd00::9\'/>"')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 1, "<range start='fd00::20' end='fd00::19'/>", 0),
         ('err', 1, 0, 'internal error: range fd00::20 - fd00::19 start larger than end')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 1, "<range start='fd00::1:20' end='fd00::19'/>", 0),
         ('err', 1, 0, 'internal error: range fd00::1:20 - fd00::19 is too large (> 65535)')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 2, "<range start='10.1.0.2' end='10.1.0.9'/>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: dhcp is supported only for a single IPv4 address on each '
           'network')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 5, "<range start='10.1.0.2' end='10.1.0.9'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't update dhcp host entry - no <ip> element found at "
           "index 5 in network 'r'")),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='10.0.0.20' end='10.0.0.29'/>", 0),
         ('ok', 0)),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='10.0.0.20' end='10.0.0.29'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp range entry in network 'r'")),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='10.0.0.020' end='10.0.0.30'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching dhcp range entry in network 'r'")),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='10.0.0.30' end='10.0.0.39'/>", 0),
         ('ok', 0)),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='010.0.0.2' end='10.0.0.9'/>", 0),
         ('err', 1, 0, 'internal error: range 8.0.0.2 - 10.0.0.9 is not entirely within network 10.0.0.1/24')),
        (('update', 'r', 0, 'ip-dhcp-range', -1, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('xml', 'r'),
         ('ok',
           '<network>\n'
           '  <name>r</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000002</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.0.0.2' end='10.0.0.9'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
           '    <dhcp>\n'
           "      <range start='fd00::2' end='fd00::9'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip address='10.1.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('update', 'r', 'delete', 'ip-dhcp-range', -1, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('ok', 0)),
        (('xml', 'r'),
         ('ok',
           '<network>\n'
           '  <name>r</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000002</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
           '    <dhcp>\n'
           "      <range start='fd00::2' end='fd00::9'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip address='10.1.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 2, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('err',
           1,
           0,
           'internal error: range 10.0.0.2 - 10.0.0.9 is not entirely within network 10.1.0.1/24')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 2, "<range start='10.1.0.2' end='10.1.0.9'/>", 0),
         ('ok', 0)),
        (('update', 'r', 'delete', 'ip-dhcp-range', 0, "<range start='10.1.0.2' end='10.1.0.9'/>", 0),
         ('err',
           1,
           0,
           'internal error: range 10.1.0.2 - 10.1.0.9 is not entirely within network 10.0.0.1/24')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', 0, "<range start='10.1.0.2' end='10.1.0.9'/>", 0),
         ('err',
           1,
           0,
           'internal error: range 10.1.0.2 - 10.1.0.9 is not entirely within network 10.0.0.1/24')),
        (('update', 'r', 'add-last', 'ip-dhcp-range', -1, "<range start='10.0.0.2' end='10.0.0.9'/>", 0),
         ('err',
           1,
           0,
           'internal error: mismatch of address family in range 10.0.0.2 - 10.0.0.9 for network fd00::1')),
        (('xml', 'r'),
         ('ok',
           '<network>\n'
           '  <name>r</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000002</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <ip family='ipv6' address='fd00::1' prefix='64'>\n"
           '    <dhcp>\n'
           "      <range start='fd00::2' end='fd00::9'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           "  <ip address='10.1.0.1' prefix='24'>\n"
           '    <dhcp>\n'
           "      <range start='10.1.0.2' end='10.1.0.9'/>\n"
           '    </dhcp>\n'
           '  </ip>\n'
           '</network>\n')),
    ]),
    'portgroup': ("<portgroup>: by name, one default, the fragment's vlan, bandwidth and virtualport.", [
        (('define',
           '<network><name>s</name><uuid>00000000-0000-4000-8000-000000000003</uuid><forward '
           "mode='nat'/><dns><txt name='t1' value='v1'/><srv service='ldap' protocol='tcp' domain='x.org' "
           "target='h.x.org' port='389'/>\n"
           "<host ip='10.0.0.5'><hostname>a</hostname><hostname>b</hostname></host></dns><ip "
           "address='10.0.0.1' prefix='24'/>\n"
           "<portgroup name='p1' default='yes'><vlan><tag id='4'/></vlan></portgroup><portgroup "
           "name='p2'/></network>"),
         ('ok', 's')),
        (('update', 's', 'modify', 'portgroup', -1, "<portgroup name='p3'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't find a portgroup entry in network 's' matching "
           "<portgroup name='p3'>")),
        (('update', 's', 'delete', 'portgroup', -1, "<portgroup name='p3'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't find a portgroup entry in network 's' matching "
           "<portgroup name='p3'>")),
        (('update', 's', 'add-last', 'portgroup', -1, "<portgroup name='p2'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing portgroup entry in network 's' that "
           'matches "<portgroup name=\'p2\'>"')),
        (('update', 's', 'add-last', 'portgroup', -1, "<portgroup name='p3' default='yes'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: a different portgroup entry in network 's' is already set as "
           'the default. Only one default is allowed.')),
        (('update', 's', 'add-last', 'portgroup', -1, '<portgroup/>', 0),
         ('err', 27, 19, 'XML error: Missing required name attribute in portgroup')),
        (('update',
           's',
           'add-last',
           'portgroup',
           -1,
           "<portgroup name='p3'><bandwidth><inbound average='0'/></bandwidth><virtualport "
           "type='openvswitch'/></portgroup>",
           0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p4' trustGuestRxFilters='yes'><vlan trunk='yes'><tag id='5'/><tag "
           "id='6'/></vlan><bandwidth><inbound average='10' peak='0'/></bandwidth></portgroup>",
           0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p5'><vlan><tag id='5000'/></vlan></portgroup>",
           0),
         ('err', 27, 0, 'XML error: vlan tag id 5000 too large (maximum 4095)')),
        (('update', 's', 'add-first', 'portgroup', -1, "<portgroup name='p5'><vlan/></portgroup>", 0),
         ('err',
           27,
           0,
           "XML error: missing tag id - each <vlan> must have at least one <tag id='n'/> subelement")),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p5'><virtualport type='bogus'/></portgroup>",
           0),
         ('err', 67, 0, 'unsupported configuration: unknown virtualport type bogus')),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p5'><bandwidth><inbound average='1' floor='3'/></bandwidth></portgroup>",
           0),
         ('err', 67, 0, 'unsupported configuration: floor attribute is not supported for this config')),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p5'><bandwidth><outbound/></bandwidth></portgroup>",
           0),
         ('err', 35, 0, 'Missing mandatory average or floor attributes')),
        (('update',
           's',
           'add-first',
           'portgroup',
           -1,
           "<portgroup name='p5' trustGuestRxFilters='maybe'/>",
           0),
         ('err',
           27,
           5,
           "XML error: Invalid value for attribute 'trustGuestRxFilters' in element 'portgroup': 'maybe'.")),
        (('update', 's', 'add-first', 'portgroup', -1, "<portgroup name='p5' default='maybe'/>", 0),
         ('ok', 0)),
        (('update', 's', 'modify', 'portgroup', -1, "<portgroup name='p1' default='yes'/>", 0),
         ('ok', 0)),
        (('update', 's', 'modify', 'portgroup', -1, "<portgroup name='p2' default='yes'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: a different portgroup entry in network 's' is already set as "
           'the default. Only one default is allowed.')),
        (('update',
           's',
           'modify',
           'portgroup',
           -1,
           "<portgroup name='p2' default='YES'><vlan><tag id='7'/></vlan></portgroup>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: a different portgroup entry in network 's' is already set as "
           'the default. Only one default is allowed.')),
        (('update', 's', 0, 'portgroup', -1, "<portgroup name='p2' default='yes'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: a different portgroup entry in network 's' is already set as "
           'the default. Only one default is allowed.')),
        (('update', 's', 0, 'portgroup', -1, "<portgroup name='p2'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('update', 's', 'delete', 'portgroup', -1, "<portgroup name='p1' default='no'/>", 0),
         ('ok', 0)),
        (('update', 's', 'modify', 'portgroup', -1, "<portgroup name='p2' default='YES'/>", 0),
         ('ok', 0)),
        (('update',
           's',
           'add-last',
           'portgroup',
           -1,
           "<portgroup name='p6' default='yes' trustGuestRxFilters='no'><virtualport "
           "type='802.1Qbh'><parameters profileid='x'/></virtualport></portgroup>",
           0),
         ('err',
           55,
           19,
           "Requested operation is not valid: a different portgroup entry in network 's' is already set as "
           'the default. Only one default is allowed.')),
        (('update',
           's',
           'delete',
           'portgroup',
           -1,
           "<portgroup name='p4'><vlan><tag id='9999'/></vlan></portgroup>",
           0),
         ('err', 27, 0, 'XML error: vlan tag id 9999 too large (maximum 4095)')),
        (('xml', 's'),
         ('ok',
           '<network>\n'
           '  <name>s</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000003</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           '  <dns>\n'
           "    <txt name='t1' value='v1'/>\n"
           "    <srv service='ldap' protocol='tcp' domain='x.org' target='h.x.org' port='389'/>\n"
           "    <host ip='10.0.0.5'>\n"
           '      <hostname>a</hostname>\n'
           '      <hostname>b</hostname>\n'
           '    </host>\n'
           '  </dns>\n'
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <portgroup name='p5'>\n"
           '  </portgroup>\n'
           "  <portgroup name='p4' trustGuestRxFilters='yes'>\n"
           "    <vlan trunk='yes'>\n"
           "      <tag id='5'/>\n"
           "      <tag id='6'/>\n"
           '    </vlan>\n'
           '    <bandwidth>\n'
           "      <inbound average='10'/>\n"
           '    </bandwidth>\n'
           '  </portgroup>\n'
           "  <portgroup name='p2' default='yes'>\n"
           '  </portgroup>\n'
           "  <portgroup name='p3'>\n"
           "    <virtualport type='openvswitch'/>\n"
           '  </portgroup>\n'
           '</network>\n')),
    ]),
    'dns': ("<dns>: host, txt and srv records, added or deleted only, with libvirt's matching.", [
        (('define',
           '<network><name>s</name><uuid>00000000-0000-4000-8000-000000000003</uuid><forward '
           "mode='nat'/><dns><txt name='t1' value='v1'/><srv service='ldap' protocol='tcp' domain='x.org' "
           "target='h.x.org' port='389'/>\n"
           "<host ip='10.0.0.5'><hostname>a</hostname><hostname>b</hostname></host></dns><ip "
           "address='10.0.0.1' prefix='24'/>\n"
           "<portgroup name='p1' default='yes'><vlan><tag id='4'/></vlan></portgroup><portgroup "
           "name='p2'/></network>"),
         ('ok', 's')),
        (('update', 's', 'add-last', 'dns-host', -1, "<host ip='10.0.0.5'><hostname>c</hostname></host>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: there is already at least one DNS HOST record with a matching '
           'field in network s')),
        (('update', 's', 'add-last', 'dns-host', -1, "<host ip='10.0.0.6'><hostname>a</hostname></host>", 0),
         ('ok', 0)),
        (('update', 's', 'add-first', 'dns-host', -1, "<host ip='10.0.0.7'/>", 0),
         ('err', 35, 19, "Missing hostname in network 's' DNS HOST record")),
        (('update', 's', 'add-first', 'dns-host', -1, '<host><hostname>z</hostname></host>', 0),
         ('err', 35, 19, "Missing IP address in network 's' DNS HOST record")),
        (('update', 's', 'add-first', 'dns-host', -1, '<host/>', 0),
         ('err', 35, 19, "Missing IP address in network 's' DNS HOST record")),
        (('update', 's', 'add-first', 'dns-host', -1, "<host ip='bad'><hostname>z</hostname></host>", 0),
         ('err', 35, 19, "Invalid IP address in network 's' DNS HOST record")),
        (('update', 's', 'add-first', 'dns-host', -1, "<host ip='10.0.0.7'><hostname></hostname></host>", 0),
         ('err', 35, 19, "Missing hostname in network 's' DNS HOST record")),
        (('update', 's', 'add-first', 'dns-host', -1, "<host ip='fd00::7'><hostname>v6</hostname></host>", 0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'dns-host',
           -1,
           "<host ip='fd00:0::8'><hostname>v6</hostname></host>",
           0),
         ('ok', 0)),
        (('update', 's', 'add-first', 'dns-host', -1, '<txt/>', 0),
         ('err', 27, 19, "XML error: unexpected element <txt>, expecting <host>, while updating network 's'")),
        (('update', 's', 'delete', 'dns-host', -1, '<host/>', 0),
         ('err', 35, 19, "Missing ip and hostname in network 's' DNS HOST record")),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='10.0.0.99'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS HOST record in network s")),
        (('update', 's', 'delete', 'dns-host', -1, '<host><hostname>a</hostname></host>', 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: multiple matching DNS HOST records were found in network s')),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='10.0.0.6'><hostname>q</hostname></host>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='10.0.0.6'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS HOST record in network s")),
        (('update', 's', 'delete', 'dns-host', -1, '<host><hostname>b</hostname></host>', 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='bad'/>", 0),
         ('err', 35, 19, "Invalid IP address in network 's' DNS HOST record")),
        (('update', 's', 'add-last', 'dns-txt', -1, "<txt name='t1' value='x'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is already a DNS TXT record with name 't1' in network s")),
        (('update', 's', 'add-last', 'dns-txt', -1, "<txt name='t2'/>", 0),
         ('err', 35, 19, "missing required value attribute in DNS TXT record named 't2' of network s")),
        (('update', 's', 'add-last', 'dns-txt', -1, "<txt value='x'/>", 0),
         ('err', 35, 19, 'missing required name attribute in DNS TXT record of network s')),
        (('update', 's', 'add-last', 'dns-txt', -1, "<txt name='a b' value='x'/>", 0),
         ('err', 35, 19, "prohibited character in DNS TXT record name 'a b' of network s")),
        (('update', 's', 'add-last', 'dns-txt', -1, "<txt name='t,b' value='x'/>", 0),
         ('err', 35, 19, "prohibited character in DNS TXT record name 't,b' of network s")),
        (('update', 's', 'add-first', 'dns-txt', -1, "<txt name='t2' value='v2'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-txt', -1, "<txt name='t9'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS TXT record in network s")),
        (('update', 's', 'delete', 'dns-txt', -1, "<txt name='t1' value='whatever'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-txt', -1, "<txt value='whatever'/>", 0),
         ('err', 35, 19, 'missing required name attribute in DNS TXT record of network s')),
        (('update', 's', 'modify', 'dns-txt', -1, "<txt name='t2' value='v3'/>", 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS TXT records cannot be modified, only added or deleted')),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap' protocol='tcp'/>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: there is already at least one DNS SRV record matching all '
           'specified fields in network s')),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap' protocol='udp'/>", 0),
         ('ok', 0)),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap'/>", 0),
         ('err', 35, 19, "missing required protocol attribute in DNS SRV record 'ldap' of network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv protocol='tcp'/>", 0),
         ('err', 35, 19, "missing required service attribute in DNS SRV record of network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='l.dap' protocol='tcp'/>", 0),
         ('err', 35, 19, "invalid character in service attribute 'l.dap' in DNS SRV record of network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap' protocol='t.cp'/>", 0),
         ('err', 35, 19, "invalid character in protocol attribute 't.cp' in DNS SRV record of network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap2' protocol='tcp' port='5'/>", 0),
         ('err',
           35,
           19,
           "DNS SRV port attribute not permitted without target for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' port='0'/>",
           0),
         ('err', 35, 19, "invalid DNS SRV port attribute for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' port='70000'/>",
           0),
         ('err', 35, 19, "invalid DNS SRV port attribute for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' port='abc'/>",
           0),
         ('err', 35, 19, "invalid DNS SRV port attribute for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' port='-1'/>",
           0),
         ('err', 35, 19, "invalid DNS SRV port attribute for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' priority='70000'/>",
           0),
         ('err', 35, 19, "Invalid DNS SRV priority attribute for service 'ldap2' in network 's'")),
        (('update',
           's',
           'add-last',
           'dns-srv',
           -1,
           "<srv service='ldap2' protocol='tcp' target='x' weight='70000'/>",
           0),
         ('err', 35, 19, "invalid DNS SRV weight attribute for service 'ldap2' in network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap2' protocol='tcp' weight='7'/>", 0),
         ('err',
           35,
           19,
           "DNS SRV weight attribute not permitted without target for service 'ldap2' in network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='ldap2' protocol='tcp' priority='7'/>", 0),
         ('err',
           35,
           19,
           "DNS SRV priority attribute not permitted without target for service 'ldap2' in network 's'")),
        (('update', 's', 'add-last', 'dns-srv', -1, "<srv service='abcdefghijklmnopq' protocol='tcp'/>", 0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'dns-srv',
           -1,
           "<srv service='ldap3' protocol='tcp' target='t.x' port='1' priority='2' weight='3' domain='d.x'/>",
           0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'dns-srv',
           -1,
           "<srv service='ldap4' protocol='tcp' target='t' priority='+5' weight=' 7' port='0053'/>",
           0),
         ('ok', 0)),
        (('update',
           's',
           'add-first',
           'dns-srv',
           -1,
           "<srv service='ldap5' protocol='tcp' target='t' priority='0' weight='0'/>",
           0),
         ('ok', 0)),
        (('update', 's', 'modify', 'dns-srv', -1, "<srv service='ldap5' protocol='tcp'/>", 0),
         ('err',
           84,
           19,
           'Operation not supported: DNS SRV records cannot be modified, only added or deleted')),
        (('update', 's', 'delete', 'dns-srv', -1, '<srv/>', 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: multiple DNS SRV records matching all specified fields were '
           'found in network s')),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap'/>", 0),
         ('err',
           55,
           19,
           'Requested operation is not valid: multiple DNS SRV records matching all specified fields were '
           'found in network s')),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv protocol='udp'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='nope'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS SRV record in network s")),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv target='t.x'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap4' port='1'/>", 0),
         ('err',
           35,
           19,
           "DNS SRV port attribute not permitted without target for service 'ldap4' in network 's'")),
        (('xml', 's'),
         ('ok',
           '<network>\n'
           '  <name>s</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000003</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           '  <dns>\n'
           "    <txt name='t2' value='v2'/>\n"
           "    <srv service='ldap5' protocol='tcp' target='t'/>\n"
           "    <srv service='ldap4' protocol='tcp' target='t' port='53' priority='5' weight='7'/>\n"
           "    <srv service='ldap' protocol='tcp' domain='x.org' target='h.x.org' port='389'/>\n"
           "    <srv service='abcdefghijklmnopq' protocol='tcp'/>\n"
           "    <host ip='fd00::8'>\n"
           '      <hostname>v6</hostname>\n'
           '    </host>\n'
           "    <host ip='fd00::7'>\n"
           '      <hostname>v6</hostname>\n'
           '    </host>\n'
           '  </dns>\n'
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <portgroup name='p1' default='yes'>\n"
           '    <vlan>\n'
           "      <tag id='4'/>\n"
           '    </vlan>\n'
           '  </portgroup>\n'
           "  <portgroup name='p2'>\n"
           '  </portgroup>\n'
           '</network>\n')),
        (('update', 's', 'delete', 'dns-txt', -1, "<txt name='t2'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-txt', -1, "<txt name='t1'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS TXT record in network s")),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap3'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS SRV record in network s")),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap4' target='t' port='53'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='ldap5'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='10.0.0.7'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS HOST record in network s")),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='10.0.0.5'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't locate a matching DNS HOST record in network s")),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='fd00::8'/>", 0),
         ('ok', 0)),
        (('update', 's', 'delete', 'dns-host', -1, "<host ip='fd00::7'/>", 0),
         ('ok', 0)),
        (('xml', 's'),
         ('ok',
           '<network>\n'
           '  <name>s</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000003</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           '  <dns>\n'
           "    <srv service='abcdefghijklmnopq' protocol='tcp'/>\n"
           '  </dns>\n'
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <portgroup name='p1' default='yes'>\n"
           '    <vlan>\n'
           "      <tag id='4'/>\n"
           '    </vlan>\n'
           '  </portgroup>\n'
           "  <portgroup name='p2'>\n"
           '  </portgroup>\n'
           '</network>\n')),
        (('update', 's', 'delete', 'dns-srv', -1, "<srv service='abcdefghijklmnopq'/>", 0),
         ('ok', 0)),
        (('xml', 's'),
         ('ok',
           '<network>\n'
           '  <name>s</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000003</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.0.0.1' prefix='24'>\n"
           '  </ip>\n'
           "  <portgroup name='p1' default='yes'>\n"
           '    <vlan>\n'
           "      <tag id='4'/>\n"
           '    </vlan>\n'
           '  </portgroup>\n'
           "  <portgroup name='p2'>\n"
           '  </portgroup>\n'
           '</network>\n')),
        (('define',
           "<network><name>dd</name><uuid>00000000-0000-4000-8000-000000000006</uuid><dns enable='no'/><ip "
           "address='10.9.0.1' prefix='24'/></network>"),
         ('ok', 'dd')),
        (('update', 'dd', 'add-last', 'dns-host', -1, "<host ip='10.9.0.5'><hostname>a</hostname></host>", 0),
         ('err', 27, 19, "XML error: Extra data in disabled network 'dd'")),
        (('update', 'dd', 'add-last', 'dns-txt', -1, "<txt name='a' value='b'/>", 0),
         ('err', 27, 19, "XML error: Extra data in disabled network 'dd'")),
        (('xml', 'dd'),
         ('ok',
           '<network>\n'
           '  <name>dd</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000006</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <dns enable='no'/>\n"
           "  <ip address='10.9.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('define', '<network><name>ee</name><uuid>00000000-0000-4000-8000-000000000005</uuid></network>'),
         ('ok', 'ee')),
        (('update',
           'ee',
           'add-last',
           'portgroup',
           -1,
           "<portgroup name='q'><bandwidth><inbound average='0'/></bandwidth></portgroup>",
           0),
         ('ok', 0)),
        (('xml', 'ee'),
         ('ok',
           '<network>\n'
           '  <name>ee</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000005</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <portgroup name='q'>\n"
           '    <bandwidth>\n'
           '    </bandwidth>\n'
           '  </portgroup>\n'
           '</network>\n')),
        (('update', 'ee', 'add-last', 'portgroup', -1, "<portgroup name='r'/>", 0),
         ('ok', 0)),
        (('xml', 'ee'),
         ('ok',
           '<network>\n'
           '  <name>ee</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000005</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <portgroup name='q'>\n"
           '  </portgroup>\n'
           "  <portgroup name='r'>\n"
           '  </portgroup>\n'
           '</network>\n')),
        (('update',
           'ee',
           'add-last',
           'dns-host',
           -1,
           "<host ip='10.9.0.5'><hostname>a</hostname><hostname>b</hostname></host>",
           0),
         ('ok', 0)),
        (('xml', 'ee'),
         ('ok',
           '<network>\n'
           '  <name>ee</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000005</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           '  <dns>\n'
           "    <host ip='10.9.0.5'>\n"
           '      <hostname>a</hostname>\n'
           '      <hostname>b</hostname>\n'
           '    </host>\n'
           '  </dns>\n'
           "  <portgroup name='q'>\n"
           '  </portgroup>\n'
           "  <portgroup name='r'>\n"
           '  </portgroup>\n'
           '</network>\n')),
        (('update', 'ee', 'delete', 'dns-host', -1, '<host><hostname>b</hostname></host>', 0),
         ('ok', 0)),
        (('xml', 'ee'),
         ('ok',
           '<network>\n'
           '  <name>ee</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000005</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <portgroup name='q'>\n"
           '  </portgroup>\n'
           "  <portgroup name='r'>\n"
           '  </portgroup>\n'
           '</network>\n')),
    ]),
    'forward_interface': ("<forward><interface>: by dev, add and delete only; the forward's dev and mode rules hold after the change.", [
        (('define',
           '<network><name>fa</name><uuid>00000000-0000-4000-8000-000000000010</uuid><forward '
           "mode='bridge'><interface dev='eth0'/><interface dev='eth1'/></forward></network>"),
         ('ok', 'fa')),
        (('update', 'fa', 'modify', 'forward-interface', -1, "<interface dev='eth0'/>", 0),
         ('err',
           84,
           19,
           'Operation not supported: forward interface entries cannot be modified, only added or deleted')),
        (('update', 'fa', 'add-last', 'forward-interface', -1, "<interface dev='eth0'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: there is an existing interface entry in network 'fa' that "
           'matches "<interface dev=\'eth0\'>"')),
        (('update', 'fa', 'add-last', 'forward-interface', -1, '<interface/>', 0),
         ('err', 27, 19, 'XML error: missing dev attribute in <interface> element')),
        (('update', 'fa', 'add-last', 'forward-interface', -1, '<portgroup/>', 0),
         ('err',
           27,
           19,
           "XML error: unexpected element <portgroup>, expecting <interface>, while updating network 'fa'")),
        (('update', 'fa', 'add-first', 'forward-interface', -1, "<interface dev='eth2'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'add-last', 'forward-interface', -1, "<interface dev='eth3' connections='4'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'add-last', 'forward-interface', -1, "<interface dev='eth4' connections='x'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth9'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't find an interface entry in network 'fa' matching "
           "<interface dev='eth9'>")),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth2'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth0'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 0, 'forward-interface', -1, "<interface dev='eth0'/>", 0),
         ('err', 84, 19, 'Operation not supported: unrecognized network update command code 0')),
        (('xml', 'fa'),
         ('ok',
           '<network>\n'
           '  <name>fa</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000010</uuid>\n'
           "  <forward dev='eth1' mode='bridge'>\n"
           "    <interface dev='eth1'/>\n"
           "    <interface dev='eth3'/>\n"
           "    <interface dev='eth4'/>\n"
           '  </forward>\n'
           '</network>\n')),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth3'/>", 0),
         ('ok', 0)),
        (('update', 'fa', 'delete', 'forward-interface', -1, "<interface dev='eth4'/>", 0),
         ('ok', 0)),
        (('xml', 'fa'),
         ('ok',
           '<network>\n'
           '  <name>fa</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000010</uuid>\n'
           "  <forward mode='bridge'/>\n"
           '</network>\n')),
        (('define',
           "<network><name>fb</name><uuid>00000000-0000-4000-8000-000000000011</uuid><forward mode='nat' "
           "dev='eth0'/><ip address='10.2.0.1' prefix='24'/></network>"),
         ('ok', 'fb')),
        (('xml', 'fb'),
         ('ok',
           '<network>\n'
           '  <name>fb</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000011</uuid>\n'
           "  <forward dev='eth0' mode='nat'>\n"
           "    <interface dev='eth0'/>\n"
           '  </forward>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.2.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('update', 'fb', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('err',
           27,
           19,
           "XML error: multiple forwarding interfaces specified for network 'fb', only one is supported")),
        (('update', 'fb', 'delete', 'forward-interface', -1, "<interface dev='eth0'/>", 0),
         ('ok', 0)),
        (('xml', 'fb'),
         ('ok',
           '<network>\n'
           '  <name>fb</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000011</uuid>\n'
           "  <forward mode='nat'/>\n"
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.2.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('update', 'fb', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('xml', 'fb'),
         ('ok',
           '<network>\n'
           '  <name>fb</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000011</uuid>\n'
           "  <forward dev='eth1' mode='nat'>\n"
           "    <interface dev='eth1'/>\n"
           '  </forward>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.2.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('define',
           "<network><name>fd</name><uuid>00000000-0000-4000-8000-000000000012</uuid><ip address='10.3.0.1' "
           "prefix='24'/></network>"),
         ('ok', 'fd')),
        (('update', 'fd', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('update', 'fd', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('update', 'fd', 'delete', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't find an interface entry in network 'fd' matching "
           "<interface dev='eth1'>")),
        (('xml', 'fd'),
         ('ok',
           '<network>\n'
           '  <name>fd</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000012</uuid>\n'
           "  <bridge stp='on' delay='0'/>\n"
           "  <ip address='10.3.0.1' prefix='24'>\n"
           '  </ip>\n'
           '</network>\n')),
        (('define',
           '<network><name>fe</name><uuid>00000000-0000-4000-8000-000000000013</uuid><forward '
           "mode='bridge'/><bridge name='br0'/></network>"),
         ('ok', 'fe')),
        (('update', 'fe', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('err',
           27,
           19,
           "XML error: A network with forward mode='bridge' can specify a bridge name or a forward dev, but "
           "not both (network 'fe')")),
        (('xml', 'fe'),
         ('ok',
           '<network>\n'
           '  <name>fe</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000013</uuid>\n'
           "  <forward mode='bridge'/>\n"
           "  <bridge name='br0'/>\n"
           '</network>\n')),
        (('define',
           "<network><name>ff</name><uuid>00000000-0000-4000-8000-000000000014</uuid><forward mode='hostdev' "
           "managed='yes'><pf dev='eth0'/></forward></network>"),
         ('ok', 'ff')),
        (('update', 'ff', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('xml', 'ff'),
         ('ok',
           '<network>\n'
           '  <name>ff</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000014</uuid>\n'
           "  <forward mode='hostdev' managed='yes'>\n"
           "    <pf dev='eth0'/>\n"
           "    <interface dev='eth1'/>\n"
           '  </forward>\n'
           '</network>\n')),
        (('update', 'ff', 'delete', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('err',
           55,
           19,
           "Requested operation is not valid: couldn't find an interface entry in network 'ff' matching "
           "<interface dev='eth1'>")),
        (('xml', 'ff'),
         ('ok',
           '<network>\n'
           '  <name>ff</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000014</uuid>\n'
           "  <forward mode='hostdev' managed='yes'>\n"
           "    <pf dev='eth0'/>\n"
           "    <interface dev='eth1'/>\n"
           '  </forward>\n'
           '</network>\n')),
        (('define',
           '<network><name>fg</name><uuid>00000000-0000-4000-8000-000000000015</uuid><forward '
           "mode='hostdev'><address type='pci' domain='0' bus='1' slot='2' "
           "function='3'/></forward></network>"),
         ('ok', 'fg')),
        (('update', 'fg', 'add-last', 'forward-interface', -1, "<interface dev='eth1'/>", 0),
         ('ok', 0)),
        (('xml', 'fg'),
         ('ok',
           '<network>\n'
           '  <name>fg</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000015</uuid>\n'
           "  <forward mode='hostdev' managed='no'>\n"
           "    <address type='pci' domain='0x0000' bus='0x01' slot='0x02' function='0x3'/>\n"
           "    <interface dev='eth1'/>\n"
           '  </forward>\n'
           '</network>\n')),
        (('update', 'fg', 'add-last', 'forward-interface', -1, "<interface dev='eth2'/>", 0),
         ('ok', 0)),
        (('xml', 'fg'),
         ('ok',
           '<network>\n'
           '  <name>fg</name>\n'
           '  <uuid>00000000-0000-4000-8000-000000000015</uuid>\n'
           "  <forward dev='eth1' mode='hostdev' managed='no'>\n"
           "    <interface dev='eth1'/>\n"
           "    <interface dev='eth2'/>\n"
           '  </forward>\n'
           '</network>\n')),
    ]),
}


class NetworkUpdate(tap.DefaultCase):
    def test_readonly_and_null(self):
        """The public entry point's own refusals, before the driver."""
        add, host = libvirt.VIR_NETWORK_UPDATE_COMMAND_ADD_LAST, libvirt.VIR_NETWORK_SECTION_IP_DHCP_HOST
        ro = libvirt.openReadOnly("test:///default")
        try:
            self.assertEqual(outcome(ro.networkLookupByName("default").update, add, host, -1, "<host/>", 0),
                             (E, libvirt.VIR_ERR_OPERATION_DENIED, libvirt.VIR_FROM_NETWORK,
                              "operation forbidden: read only access prevents virNetworkUpdate"))
        finally:
            ro.close()
        self.assertEqual(outcome(self.conn.networkLookupByName("default").update, add, host, -1, None, 0),
                         (E, libvirt.VIR_ERR_INVALID_ARG, libvirt.VIR_FROM_NETWORK,
                          "xml in virNetworkUpdate must not be NULL"))

    def replay(self, name):
        handles = {}
        for step, expected in SCENARIOS[name][1]:
            self.assertEqual(run_step(self.conn, handles, step), expected, step)


def make_test(name):
    def test(self):
        self.replay(name)
    test.__doc__ = SCENARIOS[name][0]
    return test


for _name in SCENARIOS:
    setattr(NetworkUpdate, "test_" + _name, make_test(_name))

if __name__ == "__main__":
    tap.main()
