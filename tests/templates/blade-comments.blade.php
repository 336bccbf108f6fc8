#!version:1.0.0.1
{{-- Yealink template, see the admin guide:
     account.X.sip_server.Y.port = +5060
     a line without an equals sign --}}
account.1.enable = 1
{{-- account.1.enable = 0 --}}
account.1.label = {{ $label }}{{-- the name shown --}}
@php
    $port = $device->port ?? 5060;
    $host = 'pbx.example.com:5060';
@endphp
account.1.sip_server.1.port = {{ $port }}
account.1.sip_server.1.address = pbx.example.com:5060
