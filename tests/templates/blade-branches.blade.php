#!version:1.0.0.1
@if($device->transport === 'tls')
account.1.sip_server.1.transport_type = 2
account.1.sip_server.1.port = 5061
@elseif($device->transport === 'tcp')
account.1.sip_server.1.transport_type = 1
account.1.sip_server.1.port = 5060
@else
account.1.sip_server.1.transport_type = 0
account.1.sip_server.1.port = 5060
@endif
@isset($device->vlan)
static.network.vlan.internet_port_enable = 1
static.network.vlan.internet_port_vid = {{ $device->vlan }}
@endisset
@unless($device->dnd_allowed)
features.dnd.enable = 0
@endunless
@isset($device->vlan)
static.network.vlan.internet_port_vid = {{ $device->vlan }}
@endisset
account.1.sip_server.1.port = 5060
