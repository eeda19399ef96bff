// Package keys handles the group's RSA rekey key: it generates the key pair,
// writes it as the passphrase-encrypted PEM bundle that IOS `crypto key import
// rsa <label> pem terminal <passphrase>` accepts, reads such a bundle back
// (our own file, or a raw terminal capture of `crypto key export rsa <label>
// pem terminal 3des <passphrase>`), validates it, and computes the values an
// operator compares on the device: a SHA-256 fingerprint and the "Key Data"
// hex of `show crypto key mypubkey rsa`.
//
// The bundle is a "PUBLIC KEY" block (PKIX SubjectPublicKeyInfo) followed
// directly by a traditional "RSA PRIVATE KEY" block encrypted per RFC 1423
// (Proc-Type/DEK-Info, EVP_BytesToKey key derivation). That legacy format is
// the only one IOS is known to import, so it is kept, deliberately, in one
// small file (legacypem.go). Every key COOP key servers share passes through
// here, so the package checks what it writes by reading it back.
//
// Nothing in this package prints, reads the environment, or puts a
// passphrase into an error message.
package keys
