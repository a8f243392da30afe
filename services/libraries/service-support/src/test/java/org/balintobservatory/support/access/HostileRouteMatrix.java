package org.balintobservatory.support.access;

import org.balintobservatory.hostile.RouteProbe;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RouteProbe} over every route of a service's {@link RequestMappingHandlerMapping}, its own handlers
 * and the framework's alike (the error page, the OpenAPI description), on its own port, with a key of every
 * role and with none. The query parameters of a route are read from its handler: every {@link RequestParam},
 * and the components of a record it binds from the query.
 */
public final class HostileRouteMatrix {

    private HostileRouteMatrix() {
    }

    /**
     * What a run found.
     *
     * @param violations     answers that were 5xx or lacked the security headers
     * @param notFullyCovered routes of the handler mapping that were not sent every kind of hostile request
     * @param routes         how many routes the handler mapping reports
     * @param sent           requests sent
     */
    public record Result(List<String> violations, Set<String> notFullyCovered, int routes, long sent) {
    }

    /**
     * @param baseQuery    parameters every request carries (see {@link RouteProbe#run})
     * @param refusalsOnly routes ({@code "POST /api/v1/..."}) whose effect a test cannot undo, such as starting
     *                     a replay: the roles the route allows are not sent there at all
     */
    public static Result run(RequestMappingHandlerMapping mapping, String baseUrl, Map<Role, String> keys,
                             Map<String, String> baseQuery, long maxBody, Set<String> refusalsOnly)
            throws IOException, InterruptedException {
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            callers.put(role.name(), keys.get(role));
        }
        callers.put("no key", null);
        List<RouteProbe.Route> routes = routes(mapping, callers.keySet());
        RouteProbe.Report report = RouteProbe.run(URI.create(baseUrl), routes, callers, baseQuery, maxBody,
                (route, caller) -> refusalsOnly.contains(route.name()) && route.allowed().contains(caller));
        System.out.printf("hostile corpus over the routes of %s: %d routes, %d requests%n", baseUrl, routes.size(),
                report.sent());
        Set<String> expected = new TreeSet<>();
        mapping.getHandlerMethods().keySet().forEach(info -> names(info).forEach(expected::add));
        return new Result(report.violations(), report.notFullyCovered(expected), expected.size(), report.sent());
    }

    /**
     * Runs the corpus over the application's own handler mapping, with its own body limit, and asserts that
     * every route was reached with every kind of request and none answered 5xx or without the headers.
     */
    public static void assertEveryRouteHolds(ApplicationContext context, String baseUrl, Map<Role, String> keys,
                                             Map<String, String> baseQuery, Set<String> refusalsOnly)
            throws IOException, InterruptedException {
        Result result = run(context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                baseUrl, keys, baseQuery, context.getBean(AccessProperties.class).maxBodySize().toBytes(),
                refusalsOnly);
        assertThat(result.routes()).as("routes found").isGreaterThan(5);
        assertThat(result.notFullyCovered()).as("routes without hostile coverage").isEmpty();
        assertThat(result.violations()).as("answers that are 5xx or lack the security headers").isEmpty();
    }

    static List<RouteProbe.Route> routes(RequestMappingHandlerMapping mapping, Set<String> callers) {
        List<RouteProbe.Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            Allowed rule = handler.getMethodAnnotation(Allowed.class);
            Set<String> allowed = new LinkedHashSet<>();
            if (handler.hasMethodAnnotation(PublicEndpoint.class)
                    || !handler.getBeanType().getName().startsWith(AccessInterceptor.OWN_PACKAGES)) {
                allowed.addAll(callers);
            } else if (rule != null) {
                Arrays.stream(rule.value()).forEach(role -> allowed.add(role.name()));
            }
            String consumes = entry.getKey().getConsumesCondition().getConsumableMediaTypes().stream()
                    .map(Object::toString).findFirst().orElse("application/json");
            List<String> parameters = queryParameters(handler);
            for (String name : names(entry.getKey())) {
                int space = name.indexOf(' ');
                routes.add(new RouteProbe.Route(name.substring(0, space), name.substring(space + 1), consumes,
                        parameters, allowed));
            }
        }
        routes.sort(Comparator.comparing(RouteProbe.Route::name));
        return routes;
    }

    /** {@code METHOD path} of every method and pattern of a mapping; a mapping without methods as GET. */
    private static List<String> names(RequestMappingInfo info) {
        List<String> names = new ArrayList<>();
        for (String path : info.getPatternValues()) {
            var methods = info.getMethodsCondition().getMethods();
            if (methods.isEmpty()) {
                names.add("GET " + path);
            }
            methods.forEach(m -> names.add(m.name() + " " + path));
        }
        return names;
    }

    private static List<String> queryParameters(HandlerMethod handler) {
        List<String> names = new ArrayList<>();
        for (MethodParameter parameter : handler.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param != null && !Map.class.isAssignableFrom(type)) {
                String name = !param.name().isEmpty() ? param.name() : parameter.getParameterName();
                if (name != null) {
                    names.add(name);
                }
            } else if (type.isRecord() && param == null && !parameter.hasParameterAnnotation(RequestBody.class)
                    && !parameter.hasParameterAnnotation(PathVariable.class) && type != Caller.class
                    && AnnotatedElementUtils.findMergedAnnotation(type, RequestBody.class) == null) {
                Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).forEach(names::add);
            }
        }
        return names;
    }
}
