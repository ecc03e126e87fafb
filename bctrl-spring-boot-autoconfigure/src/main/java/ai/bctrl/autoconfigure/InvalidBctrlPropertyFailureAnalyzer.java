package ai.bctrl.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * {@link FailureAnalyzer} for an {@link InvalidBctrlPropertyException}: names the
 * property, the value as configured and where it comes from, the accepted range, and what
 * to do. Never shows the API key.
 */
class InvalidBctrlPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidBctrlPropertyException>
		implements Ordered {

	private final @Nullable Environment environment;

	InvalidBctrlPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidBctrlPropertyException cause) {
		ConfigurationProperty property = (cause.isValueShown()) ? find(cause.getProperty()) : null;
		String value = (property != null && property.getValue() != null) ? property.getValue().toString() : null;
		Origin origin = (property != null) ? property.getOrigin() : null;
		String description = cause.getDescription(value, (origin != null) ? "'" + origin + "'" : null);
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

	private @Nullable ConfigurationProperty find(String name) {
		if (!(this.environment instanceof ConfigurableEnvironment configurable)) {
			return null;
		}
		ConfigurationPropertyName propertyName = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			ConfigurationProperty property = source.getConfigurationProperty(propertyName);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	@Override
	public int getOrder() {
		return 0;
	}

}
