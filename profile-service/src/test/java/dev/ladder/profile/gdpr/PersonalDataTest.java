package dev.ladder.profile.gdpr;

import dev.ladder.contracts.CloudEventHeaders;
import dev.ladder.contracts.EventType;
import dev.ladder.contracts.Topics;
import dev.ladder.profile.Api;
import dev.ladder.profile.ProfileServiceTest;
import dev.ladder.profile.organisation.OrgApi;
import dev.ladder.testkit.KafkaProbe;
import dev.ladder.testkit.LadderInfra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GDPR: the caller's export, and an admin's erasure with its topic purge, over real PostgreSQL and Kafka. */
class PersonalDataTest extends ProfileServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXPORT = "/api/profiles/me/personal-data";
    private static final String ERASURES = "/api/profiles/admin/erasures";
    private static final byte[] PDF = "%PDF-1.4 evidence of a person".getBytes();

    // ----- export -------------------------------------------------------------------------------------------------

    @Test
    void anEmployeeExportsEverythingAboutThemAndNothingAboutOthers() {
        OrgApi.Account first = OrgApi.newAccount("gdpr-export", true);
        OrgApi.Account second = OrgApi.newAccount("gdpr-export", true);
        String firstId = api.get("/api/profiles/me", first.username()).json().path("id").asString();
        String secondId = api.get("/api/profiles/me", second.username()).json().path("id").asString();
        UUID claim = holdings(firstId, "first-" + first.username());
        holdings(secondId, "second-" + second.username());

        Api.Response response = api.get(EXPORT, first.username());

        assertThat(response.status()).isEqualTo(200);
        JsonNode doc = response.json();
        assertThat(doc.path("service").asString()).isEqualTo("profile-service");
        assertThat(doc.path("employeeId").asString()).isEqualTo(firstId);
        assertThat(doc.path("person").path("email").asString()).isEqualTo(first.email());
        assertThat(doc.path("person").path("subject").asString()).isEqualTo(first.id());
        assertThat(doc.path("certifications").values()).singleElement()
                .satisfies(c -> assertThat(c.path("id").asString()).isEqualTo(claim.toString()));
        assertThat(doc.path("evidenceFiles").values()).singleElement().satisfies(e -> {
            assertThat(e.path("filename").asString()).isEqualTo("first-" + first.username() + ".pdf");
            assertThat(Base64.getDecoder().decode(e.path("contentBase64").asString())).isEqualTo(PDF);
        });
        assertThat(doc.path("skillAssessments").values()).singleElement()
                .satisfies(s -> assertThat(s.path("note").asString()).isEqualTo("first-" + first.username()));
        assertThat(doc.path("experiencePeriods").values()).singleElement()
                .satisfies(p -> assertThat(p.path("description").asString())
                        .isEqualTo("first-" + first.username()));
        assertThat(doc.path("auditEntries").values())
                .anyMatch(a -> a.path("action").asString().equals("employee.registered"));
        assertThat(response.raw()).doesNotContain(secondId, second.username(), "second-");

        JsonNode other = api.get(EXPORT, second.username()).json();
        assertThat(other.path("employeeId").asString()).isEqualTo(secondId);
        assertThat(other.toString()).doesNotContain(firstId, first.username());
    }

    @Test
    void theOperationsAreInTheOpenApiDocument() {
        assertThat(api.get("/v3/api-docs", "ada").raw())
                .contains(EXPORT, ERASURES + "\"", ERASURES + "/{erasureId}");
    }

    @Test
    void someoneLadderHoldsNothingAboutGets404AndIsNotRegisteredByAsking() {
        OrgApi.Account stranger = OrgApi.newAccount("gdpr-stranger", true);

        assertProblem(api.get(EXPORT, stranger.username()), 404);
        assertThat(count("select count(*) from employee where subject = '" + stranger.id() + "'")).isZero();
    }

    @Test
    void anonymousCallersGet401() {
        assertThat(api.get(EXPORT, null).status()).isEqualTo(401);
        assertThat(api.post(ERASURES, null, "{\"employeeId\":\"x\"}").status()).isEqualTo(401);
    }

    // ----- erasure: refusals ---------------------------------------------------------------------------------------

    @Test
    void onlyAdminsEraseAndNotThemselvesNorNobody() {
        String body = "{\"employeeId\":\"" + BOB + "\"}";
        assertProblem(api.post(ERASURES, "alice", body), 403);
        assertProblem(api.post(ERASURES, "mark", body), 403);
        assertProblem(api.post(ERASURES, "ada", "{\"employeeId\":\"" + UUID.randomUUID() + "\"}"), 404);
        assertProblem(api.post(ERASURES, "ada", "{\"employeeId\":\"" + ADA + "\"}"), 409);
        assertProblem(api.post(ERASURES, "ada", "{}"), 400);
        assertProblem(api.post(ERASURES, "ada", "{\"employeeId\":"), 400);
        assertProblem(api.get(ERASURES + "/" + UUID.randomUUID(), "ada"), 404);
        assertProblem(api.get(ERASURES + "/not-an-id", "ada"), 404);
        assertProblem(api.get(ERASURES + "/" + UUID.randomUUID(), "alice"), 403);
        assertThat(count("select count(*) from employee where id = '" + BOB + "'")).isEqualTo(1);
    }

    // ----- erasure ---------------------------------------------------------------------------------------------------

    @Test
    void anErasureLeavesNothingAboutThePersonAndPurgesTheTopics() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        OrgApi org = new OrgApi(port);
        String name = "Erin Erasable " + tag;
        String email = "erin." + tag + "@example.org";
        String subject = "subject-" + tag;
        String managerId = org.post("/api/profiles/admin/people", "ada", """
                {"username":"erin-%s","displayName":"%s","email":"%s","jobTitle":"Lead"}"""
                .formatted(tag, name, email)).json().path("id").asString();
        jdbc.sql("update employee set subject = :s where id = :id").param("s", subject).param("id", managerId)
                .update();
        String teamId = "gdpr-" + tag;
        assertThat(org.post("/api/profiles/admin/teams", "ada", """
                {"id":"%s","name":"Team of %s","managerId":"%s"}""".formatted(teamId, name, managerId)).status())
                .isEqualTo(201);
        String reportId = org.post("/api/profiles/admin/people", "ada", """
                {"username":"rory-%s","displayName":"Rory %s","email":"rory.%s@example.org","teamId":"%s"}"""
                .formatted(tag, tag, tag, teamId)).json().path("id").asString();
        holdings(managerId, "Notes of " + name);
        UUID reportClaim = holdings(reportId, "report " + tag + ", seen by " + name.toUpperCase() + " <" + email
                + ">");
        // the manager decided their report's claim and was the actor of an audit entry about them
        jdbc.sql("update certification_record set state = 'VERIFIED', decided_by = :m, decided_at = now() where id = :c")
                .param("m", managerId).param("c", reportClaim).update();
        jdbc.sql("""
                insert into audit_entry (at, actor_id, actor_username, action, employee_id, before_state, after_state,
                                         reason)
                values (now(), :m, :username, 'certification.verified', :r, cast(:state as jsonb),
                        cast(:state as jsonb), :reason)""")
                .param("m", managerId).param("username", "erin-" + tag).param("r", reportId)
                .param("state", JSON.writeValueAsString(Map.of("decidedBy", managerId, "note", "by " + name)))
                .param("reason", "checked by " + email).update();
        jdbc.sql("insert into scim_deleted_user (employee_id, deleted_at) values (:m, now())")
                .param("m", managerId).update();

        // dead letters: one about someone else (survives), one about the person (goes)
        String deadLetters = Topics.deadLetter(Topics.EMPLOYEES);
        RecordMetadata othersLetter = LadderInfra.send(deadLetters, "someone-else-" + tag, Map.of(),
                "{\"employeeId\":\"someone-else-" + tag + "\"}");
        LadderInfra.send(deadLetters, managerId, Map.of(), "{\"employeeId\":\"" + managerId + "\"}");

        String group = "gdpr-test-" + tag;
        List<TopicPartition> employeePartitions = partitions(Topics.EMPLOYEES);
        try (KafkaProbe probe = LadderInfra.probe(Topics.EMPLOYEES);
             Admin admin = admin();
             KafkaConsumer<String, String> behind = consumer(group)) {
            // a consumer group that has read the topic up to now, and no further: the purge must wait for it
            commit(behind, ends(admin, employeePartitions));

            Api.Response accepted = api.post(ERASURES, "ada", "{\"employeeId\":\"" + managerId + "\"}");

            assertThat(accepted.status()).isEqualTo(202);
            String erasureId = accepted.json().path("erasureId").asString();
            assertThat(accepted.header("Location")).hasValue(ERASURES + "/" + erasureId);
            assertThat(accepted.json().path("status").asString()).isEqualTo("ERASED_HERE");
            assertThat(accepted.json().path("requestedAt").isMissingNode()).isFalse();

            ConsumerRecord<String, String> erased = probe.await(KafkaProbe.hasKey(managerId)
                    .and(KafkaProbe.hasHeader(CloudEventHeaders.TYPE, EventType.EMPLOYEE_ERASED.id())));
            JsonNode event = JSON.readTree(erased.value());
            assertThat(event.path("employeeId").asString()).isEqualTo(managerId);
            assertThat(event.path("subject").asString()).isEqualTo(subject);
            assertThat(event.path("erasureId").asString()).isEqualTo(erasureId);
            assertThat(erased.value()).doesNotContain(name, email);
            ConsumerRecord<String, String> reportUpdated = probe.await(KafkaProbe.hasKey(reportId)
                    .and(KafkaProbe.hasHeader(CloudEventHeaders.TYPE, EventType.EMPLOYEE_UPDATED.id()))
                    .and(r -> JSON.readTree(r.value()).path("teamId").asString().equals(teamId)
                            && JSON.readTree(r.value()).path("managerId").isNull()));
            assertThat(reportUpdated.value()).doesNotContain(managerId, name);
            assertThat(JSON.readTree(reportUpdated.value()).path("teamName").asString()).isEqualTo("Team of erased");
            assertThat(api.get("/api/profiles/people/" + reportId, "ada").json().path("managerId").isNull())
                    .isTrue();

            // the group is behind: the status names it and the records are still there
            JsonNode waiting = await().atMost(Duration.ofSeconds(60)).until(() -> status(erasureId),
                    s -> s.path("status").asString().equals("PURGE_PENDING")
                            && s.path("waitingFor").values().stream().anyMatch(g -> g.asString().equals(group)));
            assertThat(waiting.path("partitions").values()).anyMatch(p -> p.path("topic").asString()
                    .equals(Topics.EMPLOYEES) && !p.path("purged").asBoolean());
            Map<TopicPartition, Long> captured = captured(waiting, Topics.EMPLOYEES);
            assertThat(captured.values()).anyMatch(offset -> offset > 0);
            Map<TopicPartition, Long> starts = starts(admin, employeePartitions);
            captured.forEach((tp, offset) -> assertThat(starts.get(tp)).isLessThanOrEqualTo(offset));
            assertThat(captured).anySatisfy((tp, offset) -> assertThat(starts.get(tp)).isLessThan(offset));

            // the group catches up: the purge deletes every partition up to its captured offset
            commit(behind, ends(admin, employeePartitions));
            JsonNode done = await().atMost(Duration.ofSeconds(60)).until(() -> status(erasureId),
                    s -> s.path("status").asString().equals("TOPICS_PURGED"));
            assertThat(done.path("waitingFor").values()).isEmpty();
            assertThat(done.path("completedAt").isNull()).isFalse();
            Map<TopicPartition, Long> purgedStarts = starts(admin, employeePartitions);
            captured.forEach((tp, offset) -> assertThat(purgedStarts.get(tp)).isGreaterThanOrEqualTo(offset));

            // someone else's dead letter survived (appended again), the person's did not
            List<ConsumerRecord<String, String>> letters = readAll(deadLetters, othersLetter.partition());
            assertThat(letters).anyMatch(r -> r.key().equals("someone-else-" + tag));
            assertThat(readAll(deadLetters)).noneMatch(r -> r.key().equals(managerId)
                    || r.value().contains(managerId));
        }

        // nothing in any table names them any more
        for (String token : List.of(name, email, managerId, subject, "erin-" + tag)) {
            assertThat(mentions(token)).as("rows mentioning " + token).isEmpty();
        }
        // the report and their claim are still there, their decider anonymised; the team has no manager
        assertThat(jdbc.sql("select decided_by from certification_record where id = :c").param("c", reportClaim)
                .query(String.class).single()).isEqualTo("erased");
        assertThat(count("select count(*) from team where id = '" + teamId + "' and manager_id is null"
                + " and name = 'Team of erased'")).isEqualTo(1);
        assertThat(jdbc.sql("select description from experience_period where employee_id = :r")
                .param("r", reportId).query(String.class).single())
                .isEqualTo("report " + tag + ", seen by erased <erased>");
        // and the person is gone for every endpoint
        assertProblem(api.get("/api/profiles/people/" + managerId, "ada"), 404);
        assertProblem(api.post(ERASURES, "ada", "{\"employeeId\":\"" + managerId + "\"}"), 404);
    }

    // ----- helpers ---------------------------------------------------------------------------------------------------

    /** A claim with an evidence file, a self-assessment and an experience period of {@code employeeId}. */
    private UUID holdings(String employeeId, String text) {
        UUID claim = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                insert into certification_record (id, employee_id, certification_id, certification_name, credential_id,
                                                  issued_on, recorded_at, state, updated_at)
                values (:id, :e, 'cert-x', 'Cert X', :cred, :on, :now, 'PENDING', :now)""")
                .param("id", claim).param("e", employeeId).param("cred", "cred-" + claim)
                .param("on", LocalDate.of(2024, 1, 1)).param("now", now).update();
        jdbc.sql("""
                insert into certification_evidence (certification_record_id, content, sha256, size_bytes,
                                                    content_type, filename, uploaded_by, uploaded_at)
                values (:id, :content, :sha, :size, 'application/pdf', :name, :e, :now)""")
                .param("id", claim).param("content", PDF).param("sha", "0".repeat(64)).param("size", PDF.length)
                .param("name", text + ".pdf").param("e", employeeId).param("now", now).update();
        jdbc.sql("""
                insert into skill_assessment (id, employee_id, track_id, skill_id, proficiency, note, source,
                                              assessed_by, assessed_on, recorded_at, state)
                values (:id, :e, 'track-x', 'skill-x', 3, :note, 'SELF', :e, :on, :now, 'PENDING')""")
                .param("id", UUID.randomUUID()).param("e", employeeId).param("note", text)
                .param("on", LocalDate.now()).param("now", now).update();
        jdbc.sql("""
                insert into experience_period (id, employee_id, started_on, description, state, version,
                                               recorded_at, updated_at)
                values (:id, :e, :on, :text, 'ACTIVE', 1, :now, :now)""")
                .param("id", UUID.randomUUID()).param("e", employeeId).param("on", LocalDate.of(2020, 1, 1))
                .param("text", text).param("now", now).update();
        jdbc.sql("""
                insert into placement (id, employee_id, track_id, level_id, effective_on, reason, placed_by, placed_at)
                values (:id, :e, 'track-x', 'level-x', :on, :text, :e, :now)""")
                .param("id", UUID.randomUUID()).param("e", employeeId).param("on", LocalDate.of(2021, 1, 1))
                .param("text", text).param("now", now).update();
        return claim;
    }

    /** "table.column" of every row of every table of this database whose value, as text, contains {@code token}. */
    private List<String> mentions(String token) {
        List<Map<String, Object>> columns = jdbc.sql("""
                select table_name, column_name from information_schema.columns
                 where table_schema = 'public' order by table_name, column_name""").query().listOfRows();
        assertThat(columns).hasSizeGreaterThan(50);
        List<String> found = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("table_name");
            String name = (String) column.get("column_name");
            long hits = jdbc.sql("select count(*) from \"" + table + "\" where cast(\"" + name
                            + "\" as text) ilike :pattern")
                    .param("pattern", "%" + token.replace("%", "\\%").replace("_", "\\_") + "%")
                    .query(Long.class).single();
            if (hits > 0) {
                found.add(table + "." + name);
            }
        }
        return found;
    }

    private JsonNode status(String erasureId) {
        Api.Response response = api.get(ERASURES + "/" + erasureId, "ada");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static Map<TopicPartition, Long> captured(JsonNode status, String topic) {
        Map<TopicPartition, Long> captured = new HashMap<>();
        status.path("partitions").values().stream().filter(p -> p.path("topic").asString().equals(topic))
                .forEach(p -> captured.put(new TopicPartition(topic, p.path("partition").asInt()),
                        p.path("capturedOffset").asLong()));
        return captured;
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }

    private static Admin admin() {
        return Admin.create(LadderInfra.kafkaClientConfig());
    }

    private static List<TopicPartition> partitions(String topic) throws Exception {
        try (Admin admin = admin()) {
            int count = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).toList();
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<TopicPartition> partitions) throws Exception {
        return offsets(admin, partitions, OffsetSpec.latest());
    }

    private static Map<TopicPartition, Long> starts(Admin admin, List<TopicPartition> partitions) throws Exception {
        return offsets(admin, partitions, OffsetSpec.earliest());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties props = new Properties();
        props.putAll(LadderInfra.kafkaClientConfig());
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** Commits {@code offsets} for the group (a simple consumer: assigned, so no rebalance). */
    private static void commit(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((tp, offset) -> commit.put(tp, new OffsetAndMetadata(offset)));
        consumer.commitSync(commit);
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic) throws Exception {
        List<ConsumerRecord<String, String>> all = new ArrayList<>();
        for (TopicPartition tp : partitions(topic)) {
            all.addAll(readAll(topic, tp.partition()));
        }
        return all;
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int partition) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        long end;
        try (Admin admin = admin()) {
            end = ends(admin, List.of(tp)).get(tp);
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(null)) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(tp) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).records(tp).forEach(records::add);
            }
        }
        return records;
    }
}
