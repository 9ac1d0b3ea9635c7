package io.wxrelay.system.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendCheckTest {

  @Test
  void backendsNameExistingServicesAndTheirPorts() {
    ManifestSet set =
        ManifestSet.parse(
            "o",
            """
            apiVersion: v1
            kind: Service
            metadata: {name: gw, labels: {app: gw}}
            spec: {ports: [{name: http, port: 80}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: in}
            spec:
              rules:
                - http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: gw, port: {name: http}}}}
                      - {path: /x, pathType: Prefix, backend: {service: {name: gw, port: {number: 8080}}}}
                      - {path: /y, pathType: Prefix, backend: {service: {name: nope, port: {number: 80}}}}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: sm}
            spec: {selector: {matchLabels: {app: gw}}, endpoints: [{port: admin}]}
            """);

    assertThat(new BackendCheck().problems(set))
        .containsExactly(
            "overlay o: Ingress/in: spec.rules[0].http.paths[1].backend.service port 8080 is not a port of Service gw",
            "overlay o: Ingress/in: spec.rules[0].http.paths[2].backend.service names Service nope, which the rendering does not contain",
            "overlay o: ServiceMonitor/sm: spec.endpoints[0].port 'admin' is no port name of the selected Services");
  }
}
