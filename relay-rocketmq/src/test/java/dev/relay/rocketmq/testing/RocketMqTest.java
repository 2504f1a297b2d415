package dev.relay.rocketmq.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that gets a real RocketMQ name server + broker injected as a
 * {@link RocketMqServer} parameter (shared by all classes of the same mode in the run).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RocketMqExtension.class)
public @interface RocketMqTest {
    /** @return the server variant; default {@link RocketMqServer.Mode#PLAIN} */
    RocketMqServer.Mode mode() default RocketMqServer.Mode.PLAIN;
}
