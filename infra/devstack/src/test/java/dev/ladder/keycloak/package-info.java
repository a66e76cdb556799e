/**
 * The tests of the {@code infra/keycloak} module that start real Keycloak servers. They live in this leaf module, in
 * that module's package, because Maven builds a module's dependants only after its tests: in {@code infra/keycloak}
 * they held up the testkit, and so every service's tests, for a minute and a half of every build. Nothing here
 * depends on the devstack.
 */
package dev.ladder.keycloak;
