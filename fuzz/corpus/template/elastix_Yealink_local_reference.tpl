[ autop_mode ]
path = /yealink/config/Setting/autop.cfg
#disable:0; power on:1; repeatly:4; weekly:5
#schedule_min is the interval of time to update, the minimum value is 1
#schedule_time and schedule_time_end are the time for weekly update
#schedule_dayofweek is the setting for weekly choosen, Sunday:0; Monday:1;  Tuesday:2;...if you want to update every sunday and Saturday, you could set it to 06
mode = 1
schedule_min = 
schedule_time = 
schedule_time_end = 
schedule_dayofweek = 


[ autoprovision ]
path = /yealink/config/Setting/autop.cfg
server_type = tftp
server_address = {$SERVER_IP}
user = 
password = 


[ AES_KEY ]
path = /yealink/config/Setting/autop.cfg
aes_key_16 = 


[ ringtone ]
path = /tmp/download.cfg
#to specify a ringtone for update
#the format of the ringtone must be WAV
#an example for a right server_address:ftp://wxf:123456@192.168.0.132:21/Ring20.wav
server_address = 
 
[ Lang ]
path = /tmp/download.cfg
#to specify a language for update
#an example for a right  server_address:http://192.168.0.132:9/file_provision/lang+English.txt
server_address = 

[ ContactList ]
path = /tmp/download.cfg
#to specify a XML phonebook for update
#an example for a right  server_address:http://192.168.0.132:9/file_provision/contactData1.xml
#server_address = http://192.168.26.1/phonebook/xml/snom/phonebook.xml 


[ firmware ]
path = /tmp/download.cfg
#to specify a firmware for update
#server_type can be tftp,ftp or http
#if the server requires authentication,the login_name and login_pswd will be used.
server_type = tftp
server_ip = {$SERVER_IP}
server_port = 69
login_name = 
login_pswd = 
http_url   = 
firmware_name = 2.41.0.28-T28.rom

# Added by CTM

[ Time ]
path = /yealink/config/Setting/Setting.cfg   
TimeZone = 0
TimeServer1= {$SERVER_IP}
TimeServer2 = hora.roa.es
Interval = 1000
SummerTime = 1
StartTime = 10/4/2
EndTime = 4/4/3


[ account ]
path=/yealink/config/voip/sipAccount0.cfg
SIPServerHost = {$SERVER_IP}
SIPServerPort = 5060
SIPListenRandom = 0
SIPListenPort = 5060
Expire = 3600   
UseOutboundProxy = 0
OutboundHost = 
OutboundPort = 5060
EnableEncrypt = 0
EncryptKey = 29749
EncryptVersion = 1
BakOutboundHost = 
BakOutboundPort = 5060
EnableSTUN = 0
proxy-require =
ptime = 0
srtp_encryption = 0
srtp_encryption_algorithm = 0
BackupSIPServerHost = 
BackupSIPServerPort = 
Enable 100Rel = 0
precondition = 0
SubsribeRegister = 0
CIDSource = 0
EnableSessionTimer = 0
SessionExpires = 
SessionRefresher = 0
EnableUserEqualPhone = 0
BLFList_URI = 
SubsribeMWI = 0
AnonymousCall = 0
RejectAnonymousCall = 0

[ audio0 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 1
PayloadType = PCMU
priority = 1
rtpmap = 0

[ audio1 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 1
PayloadType = PCMA
priority = 2
rtpmap = 8

[ audio2 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G723_53
priority = 0
rtpmap = 4

[ audio3 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G723_63
priority = 0
rtpmap = 4

[ audio4 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 1
PayloadType = G729
priority = 3
rtpmap = 18

[ audio5 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G722
priority = 0
rtpmap = 9

[ audio6 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = iLBC
priority = 3
rtpmap = 97

[ audio7 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G726-16
priority = 0
rtpmap = 112

[ audio8 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G726-24
priority = 0
rtpmap = 102

[ audio9 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G726-32
priority = 0
rtpmap = 2

[ audio10 ]
path=/yealink/config/voip/sipAccount0.cfg
enable = 0
PayloadType = G726-40
priority = 0
rtpmap = 104

[ DTMF ]
path=/yealink/config/voip/sipAccount0.cfg
DTMFInbandTransfer = 1
DTMFPayload = 101
DTMFToneLen = 300
InbandDtmfVolume = 0
RxLatency = 20
CPTToneCountry = 12
G726CodeWord = 1
InfoType = 0

[ NAT ]
path=/yealink/config/voip/sipAccount0.cfg
MaxRTPPort = 11800
MinRTPPort = 11780
NATTraversal = 0
STUNServer = 217.10.79.21
STUNPort = 10000
EnableUDPUpdate = 1
UDPUpdateTime = 30
rport = 0

[ ADVANCED ]
path=/yealink/config/voip/sipAccount0.cfg
default_t1 = 0.5
default_t2 = 4
default_t4 = 5

[blf]
path=/yealink/config/voip/sipAccount0.cfg
SubscribePeriod = 3600

[ Forward ]
path=/yealink/config/Features/Forward.cfg
Type = 0
AlwaysForward = 
BusyForward = 
NoAnswerForward = 
AfterRingTimes = 10
Active = 0
BusyNoAnswerForward = 
BusyNoAfterRingTimes = 10

[ Message ]
path=/yealink/config/Features/Message.cfg
#Set voicemail number for each account
VoiceNumber0 = *97
VoiceNumber1 = 
VoiceNumber2 = 
VoiceNumber3 = 
VoiceNumber4 = 
VoiceNumber5 = 

[ Features ]
path=/yealink/config/Features/Phone.cfg
DND = 0
Call_Waiting = 1
EnableHotline = 0
Callpickup = 
Hotlinenumber = 

[ AutoAnswer ]
path=/yealink/config/Features/Phone.cfg
Enable = 0

[ PoundSend ]
path=/yealink/config/Features/Phone.cfg
#Set # key or * key as send. #:1 and *:2
Enable = 1

[ WAN ]
path=/yealink/config/Network/Network.cfg
#WANType:0:DHCP,1:PPPoE,2:StaticIP
WANType = 0
WANStaticIP = 
WANSubnetMask = 
WANDefaultGateway = 

[ DNS ]
path=/yealink/config/Network/Network.cfg
PrimaryDNS = 
SecondaryDNS = 

[ PPPoE ]
path=/yealink/config/Network/Network.cfg
PPPoEUser = 
PPPoEPWD = 

[ LAN ]
path=/yealink/config/Network/Network.cfg
#LANTYPE:0:Router, 1:Bridge
LANTYPE = 1
RouterIP = 10.0.0.1
LANSubnetMask = 255.255.255.0
EnableDHCP = 1
DHCPStartIP = 10.0.0.10
DHCPEndIP = 10.0.0.100

[ SYSLOG ]
path=/yealink/config/Network/Network.cfg
#specify the server for syslog storage
SyslogdIP = 

[ RTPPORT ]
path=/yealink/config/Network/Network.cfg
MaxRTPPort = 11800
MinRTPPort = 11780

[ QOS ]
path=/yealink/config/Network/Network.cfg
SIGNALTOS = 40
RTPTOS = 40

[ VLAN ]
path=/yealink/config/Network/Network.cfg
#ISVLAN,VID and USRPRIORITY are used for VLAN on LAN port
#PC_PORT_VLAN_ENABLE,PC_PORT_VID and PC_PORT_PRIORITY are used for PC port
ISVLA