#!version:1.0.0.1
@switch($transport)
@case('tls')
account.1.sip_server.1.transport_type = 2
@break
@case('tcp')
account.1.sip_server.1.transport_type = 1
@break
@default
account.1.sip_server.1.transport_type = 0
@endswitch
@forelse($lines as $line)
account.{{ $loop->iteration }}.label = {{ $line->label }}
@empty
account.1.enable = 0
@endforelse
@yield('extra')
account.1.sip_server.1.transport_type = 5
