package dev.relay.rocketmq.testing;

import static org.awaitility.Awaitility.await;


import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.rocketmq.auth.config.AuthConfig;
import org.apache.rocketmq.broker.BrokerController;
import org.apache.rocketmq.common.BrokerConfig;
import org.apache.rocketmq.common.MQVersion;
import org.apache.rocketmq.common.namesrv.NamesrvConfig;
import org.apache.rocketmq.namesrv.NamesrvController;
import org.apache.rocketmq.remoting.netty.NettyClientConfig;
import org.apache.rocketmq.remoting.netty.NettyServerConfig;
import org.apache.rocketmq.remoting.protocol.RemotingCommand;
import org.apache.rocketmq.store.config.MessageStoreConfig;

/**
 * The program {@link RocketMqServer} runs in a separate JVM: a RocketMQ 5.3.3 name server and one
 * master broker on 127.0.0.1 with small store files and short transaction checks. Prints
 * {@code READY} once the broker is registered; halts when its standard input closes (the test JVM
 * went away or stopped it). Confined to its own main thread plus RocketMQ's.
 *
 * <p>System properties: {@code rmq.nsPort}, {@code rmq.brokerPort} (the broker also opens port-2 and
 * port+1), {@code rmq.dir} (store and home), {@code rmq.brokerName} ({@code broker-a}),
 * {@code rmq.brokerOnly} (no name server: join the one on {@code rmq.nsPort}), {@code rmq.auth} ({@code none} or {@code v2} with the
 * super user {@code rmq.authUser}/{@code rmq.authPassword}); TLS through RocketMQ's {@code tls.*}.
 */
public final class EmbeddedRocketMq {
    private EmbeddedRocketMq() {
    }

    /**
     * @param args unused
     * @throws Exception if the servers do not start (the JVM then exits non-zero)
     */
    public static void main(String[] args) throws Exception {
        // Pitfall 2: without this every request the broker sends carries version 0 and the name
        // server registers the broker without any topic.
        System.setProperty(RemotingCommand.REMOTING_VERSION_KEY, Integer.toString(MQVersion.CURRENT_VERSION));
        watchStdin();
        int nsPort = Integer.getInteger("rmq.nsPort");
        int brokerPort = Integer.getInteger("rmq.brokerPort");
        Path dir = Path.of(System.getProperty("rmq.dir"));
        String store = dir.resolve("store").toString();
        String home = dir.resolve("home").toString();
        Files.createDirectories(Path.of(home, "conf"));
        System.setProperty("rocketmq.home.dir", home);

        String brokerName = System.getProperty("rmq.brokerName", "broker-a");
        // rmq.brokerOnly: a further broker for the name server another EmbeddedRocketMq runs.
        NamesrvController namesrv = Boolean.getBoolean("rmq.brokerOnly") ? null : startNameServer(nsPort, store, home);
        BrokerController broker = new BrokerController(brokerConfig(nsPort, brokerPort, home, brokerName),
            serverConfig(brokerPort), new NettyClientConfig(), storeConfig(store, brokerPort), authConfig(store, brokerName));
        if (!broker.initialize()) {
            throw new IllegalStateException("broker initialize failed");
        }
        broker.start();
        // Pitfall 3: the first registration would wait for the 10 s timer; register until listed.
        await("broker registration with the name server").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(20)).until(() -> {
                if (isRegistered(namesrv, broker, brokerName)) {
                    return true;
                }
                broker.registerBrokerAll(true, false, true);
                return false;
            });
        System.out.println("READY ns=127.0.0.1:" + nsPort + " broker=127.0.0.1:" + brokerPort);
        System.out.flush();
    }

    private static boolean isRegistered(NamesrvController namesrv, BrokerController broker, String brokerName) {
        if (namesrv != null) {
            return namesrv.getRouteInfoManager().getAllClusterInfo().getBrokerAddrTable().containsKey(brokerName);
        }
        try {
            return broker.getBrokerOuterAPI().getBrokerClusterInfo().getBrokerAddrTable().containsKey(brokerName);
        } catch (Exception e) {
            return false;
        }
    }

    private static NamesrvController startNameServer(int port, String store, String home) throws Exception {
        NamesrvConfig config = new NamesrvConfig();
        config.setRocketmqHome(home);
        config.setKvConfigPath(store + "/namesrv/kvConfig.json");
        config.setConfigStorePath(store + "/namesrv/namesrv.properties");
        NettyClientConfig client = new NettyClientConfig();
        // Pitfall 4: the 5.x name server's own client would scan the machine's non-loopback address.
        client.setScanAvailableNameSrv(false);
        NamesrvController namesrv = new NamesrvController(config, serverConfig(port), client);
        if (!namesrv.initialize()) {
            throw new IllegalStateException("name server initialize failed");
        }
        namesrv.start();
        namesrv.getRemotingClient().updateNameServerAddressList(List.of("127.0.0.1:" + port));
        return namesrv;
    }

    private static NettyServerConfig serverConfig(int port) {
        NettyServerConfig c = new NettyServerConfig();
        c.setBindAddress("127.0.0.1");
        c.setListenPort(port);
        return c;
    }

    private static BrokerConfig brokerConfig(int nsPort, int brokerPort, String home, String brokerName) {
        BrokerConfig bc = new BrokerConfig();
        bc.setRocketmqHome(home);
        bc.setBrokerClusterName("DefaultCluster");
        bc.setBrokerName(brokerName);
        bc.setBrokerId(0);
        bc.setNamesrvAddr("127.0.0.1:" + nsPort);
        bc.setBrokerIP1("127.0.0.1");
        bc.setBrokerIP2("127.0.0.1");
        bc.setListenPort(brokerPort);
        bc.setAutoCreateTopicEnable(true);
        bc.setTraceTopicEnable(true);
        // Pitfall 7: check-backs after ~3 s, op records written every 100 ms so ended ones are never checked.
        bc.setTransactionCheckInterval(1000);
        bc.setTransactionTimeOut(3000);
        bc.setTransactionOpBatchInterval(100);
        return bc;
    }

    private static MessageStoreConfig storeConfig(String store, int brokerPort) {
        MessageStoreConfig ms = new MessageStoreConfig();
        ms.setStorePathRootDir(store + "/broker");
        ms.setStorePathCommitLog(store + "/broker/commitlog");
        ms.setMappedFileSizeCommitLog(32 * 1024 * 1024);
        ms.setMappedFileSizeConsumeQueue(30_000 * 20);
        ms.setMaxHashSlotNum(10_000);
        ms.setMaxIndexNum(40_000);
        ms.setTimerWheelEnable(false);
        ms.setHaListenPort(brokerPort + 1);
        ms.setDiskMaxUsedSpaceRatio(95);
        return ms;
    }

    private static AuthConfig authConfig(String store, String brokerName) {
        AuthConfig ac = new AuthConfig();
        ac.setConfigName(brokerName);
        ac.setClusterName("DefaultCluster");
        ac.setAuthConfigPath(store + "/broker/config");
        if ("v2".equals(System.getProperty("rmq.auth", "none"))) {
            String user = System.getProperty("rmq.authUser");
            String password = System.getProperty("rmq.authPassword");
            ac.setAuthenticationEnabled(true);
            ac.setAuthenticationProvider("org.apache.rocketmq.auth.authentication.provider.DefaultAuthenticationProvider");
            ac.setAuthenticationMetadataProvider("org.apache.rocketmq.auth.authentication.provider.LocalAuthenticationMetadataProvider");
            ac.setAuthorizationEnabled(true);
            ac.setAuthorizationProvider("org.apache.rocketmq.auth.authorization.provider.DefaultAuthorizationProvider");
            ac.setAuthorizationMetadataProvider("org.apache.rocketmq.auth.authorization.provider.LocalAuthorizationMetadataProvider");
            ac.setInitAuthenticationUser("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
            ac.setInnerClientAuthenticationCredentials("{\"accessKey\":\"" + user + "\",\"secretKey\":\"" + password + "\"}");
        }
        return ac;
    }

    /** Halts (no 10 s shutdown; the store is thrown away) once the parent closes our stdin. */
    private static void watchStdin() {
        Thread t = new Thread(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // wait for EOF
                }
            } catch (IOException e) {
                // treat as EOF
            }
            Runtime.getRuntime().halt(0);
        }, "embedded-rocketmq-stdin-watch");
        t.setDaemon(true);
        t.start();
    }
}
