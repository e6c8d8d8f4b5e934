package dev.lifecycle.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the services' lifecycle: their names, and the keys their default conventions give them. The
 * low cardinality keys are the tags of their timers and of their spans; the high cardinality ones are on spans only.
 *
 * @since 0.1
 */
public enum LifecycleObservationDocumentation implements ObservationDocumentation {

    /** The application's start-up of the services: {@code lifecycle.startup}, the parent of the starts during it. */
    SERVICES_STARTUP {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultServiceStartupObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return new KeyName[] { LowCardinalityKeyNames.OUTCOME };
        }
    },

    /** One start cycle of a service (setup and start): {@code lifecycle.service.start}. */
    SERVICE_START {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultServiceStartObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }

        @Override
        public KeyName[] getHighCardinalityKeyNames() {
            return HighCardinalityKeyNames.values();
        }
    },

    /** One stop cycle of a service (stop and join): {@code lifecycle.service.stop}. */
    SERVICE_STOP {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultServiceStopObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    };

    /** Keys of few values: tags of the timers and of the spans. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** The service's id (its name, or {@code name:qualifier}). */
        SERVICE {
            @Override
            public String asString() {
                return "service";
            }
        },

        /** {@code success} or {@code failure} once it has ended ({@code unknown} before). */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        }
    }

    /** Keys of many values: tags of the spans only. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The ids of the service's hard requirements, comma-separated. */
        REQUIRES {
            @Override
            public String asString() {
                return "requires";
            }
        }
    }
}
