// The cluster's root CA certificate (CN=kubernetes), as kubeadm makes it at init: RSA 2048, ten years from the
// lab's install time (2025-12-31T23:40:00Z), key usages and SAN as kubeadm sets them. One real certificate
// for every lab cluster (its key is not kept: nothing in the lab signs with it).

export const CLUSTER_CA_CRT = `-----BEGIN CERTIFICATE-----
MIIDBTCCAe2gAwIBAgIIXhyKTzstkacwDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE
AwwKa3ViZXJuZXRlczAeFw0yNTEyMzEyMzQwMDBaFw0zNTEyMjkyMzQwMDBaMBUx
EzARBgNVBAMMCmt1YmVybmV0ZXMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQDB3Luy9Zoo4yuLl+4WIW9WaZ9jiivGVxJi241oeEH47LCbDhg3XN2Un9t+
/mBKp0+bTTtIZHkZnooU3zaaQ3ruApXjMd8/0JVaddrJfAd9J5UlRftGV3SxPvLL
piMHvRCUYFVMTEpKQifWjg3Uvr1XCv90LJAUTb6XQPjkTdZJPNBBbMJi8khOmElz
cqLU4gGQNCmqZpDcpfOA9n4Ox09qvxGGkgllj/pacf0Du++4tVUTZIsyIYVPI6+p
+rlTntKbNDAryexUAo/Avw79ibu686Y9/GbvNjlAOyDMQeYBvkYMq9DtHZK4/Pfu
uLivFfUafMoHN+vWgQpqo3bCczzDAgMBAAGjWTBXMA4GA1UdDwEB/wQEAwICpDAP
BgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBRw4s5EyFoy8gC1tTV+7kdDeOVykjAV
BgNVHREEDjAMggprdWJlcm5ldGVzMA0GCSqGSIb3DQEBCwUAA4IBAQCgsODZFQC/
MHT1W0Oq7PsAhgEZ3FHMkSVPjFUtyBZ/Z+vKrWuj81NippWrzYBPLC8PhIrvl5ZF
6iF+g6ILhBA2jxDrPNY6DBEldw8wo8pSQc4tgBcDFVG9GfdV9FiKt+O1/n40KUuT
slUsugTjyPCbZzlfuv24o3Mhj88eySQMp6Lcl7Sxhe3+Ju64uZOjJ61r8ujBBIp3
m2vOxFLkcxpmxC8ILFopVO+P0lmQmGsxe+zdwAIpHcDOnkAoQrTKYV2KFjqn5NQs
f26kz05694quWtdYN3Ulx8BHzAPUIrEO9yOexC+6QB5rTE9+Ku76AYjuRSis/Pdk
lfwzRcuHwdeX
-----END CERTIFICATE-----
`
