package dev.relay.nats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reads PEM certificates and keys and key stores for {@link TlsOptions}, with errors that name the file
 * and say what is wrong with it. Only the JDK: no extra crypto library.
 */
final class Pem {
    /** Password of the in-memory key store that carries a PEM key to the key manager; protects nothing. */
    static final char[] EPHEMERAL_PASSWORD = "relay".toCharArray();

    private Pem() {
    }

    /** A key store holding every certificate of a PEM file as a trusted entry. */
    static KeyStore trustStore(Path caFile) throws GeneralSecurityException {
        List<X509Certificate> certs = certificates(caFile, "CA file");
        KeyStore ks = emptyStore();
        for (int i = 0; i < certs.size(); i++) {
            ks.setCertificateEntry("ca-" + i, certs.get(i));
        }
        return ks;
    }

    /** A key store holding one PEM private key with its PEM certificate chain. */
    static KeyStore keyStore(Path certFile, Path keyFile) throws GeneralSecurityException {
        List<X509Certificate> chain = certificates(certFile, "client certificate file");
        PrivateKey key = privateKey(keyFile);
        KeyStore ks = emptyStore();
        ks.setKeyEntry("client", key, EPHEMERAL_PASSWORD, chain.toArray(new Certificate[0]));
        return ks;
    }

    /** Loads a PKCS#12 or JKS store: the JDK's PKCS12 type reads both formats (keystore.type.compat). */
    static KeyStore loadStore(Path file, char[] password, String what) throws GeneralSecurityException {
        byte[] bytes = read(file, what);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(new ByteArrayInputStream(bytes), password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                || String.valueOf(e.getMessage()).contains("password")) {
                throw new IllegalArgumentException("tls: " + what + " " + file
                    + ": wrong password (" + e.getMessage() + ")", e);
            }
            throw new IllegalArgumentException("tls: " + what + " " + file + " is not a PKCS#12 or JKS key store",
                e);
        }
    }

    static List<X509Certificate> certificates(Path file, String what) {
        byte[] bytes = read(file, what);
        try {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(bytes));
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : all) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("tls: " + what + " " + file + " holds no certificate "
                    + "(expected PEM '-----BEGIN CERTIFICATE-----' blocks)");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("tls: " + what + " " + file + " is not a PEM or DER certificate: "
                + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) {
        String text = new String(read(file, "private key file"), StandardCharsets.US_ASCII);
        if (text.contains("ENCRYPTED PRIVATE KEY") || text.contains("Proc-Type: 4,ENCRYPTED")) {
            throw new IllegalArgumentException("tls: private key file " + file + " is encrypted; give an "
                + "unencrypted key (openssl pkcs8 -topk8 -nocrypt) or use clientKeyStore with a password");
        }
        byte[] der;
        if (text.contains("-----BEGIN PRIVATE KEY-----")) {
            der = block(text, "PRIVATE KEY", file);
        } else if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
            der = pkcs1ToPkcs8(block(text, "RSA PRIVATE KEY", file));
        } else if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
            throw new IllegalArgumentException("tls: private key file " + file + " is a SEC1 'EC PRIVATE KEY'; "
                + "convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        } else {
            throw new IllegalArgumentException("tls: private key file " + file
                + " holds no PEM private key (expected '-----BEGIN PRIVATE KEY-----')");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String alg : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("tls: private key file " + file
            + " holds a key of an unsupported algorithm (RSA, EC and EdDSA are supported)");
    }

    private static byte[] block(String text, String label, Path file) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end, b);
        if (e < 0) {
            throw new IllegalArgumentException("tls: " + file + ": '" + begin + "' without its '" + end + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("tls: " + file + ": the " + label + " block is not valid base64", ex);
        }
    }

    /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 PrivateKeyInfo the JDK reads. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d,
            0x01, 0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content) {
        int len = content.length;
        byte[] lenBytes;
        if (len < 0x80) {
            lenBytes = new byte[] {(byte) len};
        } else if (len < 0x100) {
            lenBytes = new byte[] {(byte) 0x81, (byte) len};
        } else if (len < 0x10000) {
            lenBytes = new byte[] {(byte) 0x82, (byte) (len >> 8), (byte) len};
        } else {
            lenBytes = new byte[] {(byte) 0x83, (byte) (len >> 16), (byte) (len >> 8), (byte) len};
        }
        byte[] out = new byte[1 + lenBytes.length + len];
        out[0] = (byte) tag;
        System.arraycopy(lenBytes, 0, out, 1, lenBytes.length);
        System.arraycopy(content, 0, out, 1 + lenBytes.length, len);
        return out;
    }

    private static byte[] read(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("tls: " + what + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("tls: cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create an empty key store", e);
        }
        return ks;
    }

    /** A trust manager that accepts every certificate; only behind the loudly named insecure option. */
    static X509ExtendedTrustManager trustAll() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }
}
