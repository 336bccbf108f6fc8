#!version:1.0.0.1
account.1.enable = 1
account.1.label = {{ $extension->name }}
account.1.display_name = {{ $extension->name }} ({{ $extension->number }})
account.1.auth_name = {{ $extension->number }}
account.1.password = {!! $extension->secret !!}
account.1.sip_server.1.address = {{ $server->host }}
account.1.sip_server.1.port = {{ $server->port ?? 5060 }}
static.auto_provision.server.url = {{ url('/provision') }}/yealink/
account.1.sip_server.2.address = sip.{{ $tenant->domain }}
account.1.sip_server.1.expires = {{ $expires }} 
account.1.sip_server.2.port = :{{ $server->port }}
