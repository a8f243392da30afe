package org.balintobservatory.support.access;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The access rule of every route a service serves, read from the running application: what the role ×
 * endpoint matrix tests enumerate, so that a new endpoint is tested the moment it exists.
 */
public final class AccessRules {

    private AccessRules() {
    }

    /**
     * One route and who may call it.
     *
     * @param roles    empty for a route without a rule (refused to everyone by {@link AccessInterceptor})
     * @param consumes the body type the route takes, {@code application/json} unless it declares another
     */
    public record Route(String method, String path, boolean isPublic, Set<Role> roles, String consumes) {

        public boolean declaresRule() {
            return isPublic || !roles.isEmpty();
        }
    }

    /** Every route of the service's own controllers, whatever its path. */
    public static List<Route> of(RequestMappingHandlerMapping mapping) {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getName().startsWith(AccessInterceptor.OWN_PACKAGES)) {
                continue;
            }
            Allowed allowed = handler.getMethodAnnotation(Allowed.class);
            Set<Role> roles = allowed == null ? Set.of() : EnumSet.copyOf(List.of(allowed.value()));
            boolean isPublic = handler.hasMethodAnnotation(PublicEndpoint.class);
            String consumes = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                    .map(Object::toString).findFirst().orElse("application/json");
            for (String path : entry.getKey().getPatternValues()) {
                var methods = entry.getKey().getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    routes.add(new Route("GET", path, isPublic, roles, consumes));
                }
                methods.forEach(m -> routes.add(new Route(m.name(), path, isPublic, roles, consumes)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }
}
