@include('provisioning.yealink.header')
account.1.enable = 1
account.1.label = {{ $label }}
@include('provisioning.yealink.codecs', ['account' => 1])
account.1.sip_server.1.transport_type = 5
