package dev.ladder.progress.impact;

import dev.ladder.contracts.catalog.CatalogVersionPublished;
import dev.ladder.contracts.catalog.CatalogVersionPublished.Level;
import dev.ladder.contracts.catalog.CatalogVersionPublished.RequirementGroup;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.hibernate.validator.cfg.defs.SizeDef;
import org.springframework.boot.validation.autoconfigure.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How large a draft the impact preview ({@code POST /api/progress/admin/impact-preview}) evaluates: every list of
 * the draft has a {@code @Size(max)}, nested ones too, so a draft with hundreds of thousands of entries is a 400
 * problem naming the list ({@code levels[1].requirements[0].items}) before anyone is evaluated — the preview replays
 * every person on the track against every requirement.
 * <p>
 * The draft is the contract record {@link CatalogVersionPublished}, which carries no Bean Validation annotations
 * (contracts has no such dependency, and a published event is never rejected for its size), so the constraints are
 * declared here with Hibernate Validator's programmatic mapping — the same as annotating those fields — and apply
 * where a controller asks for {@code @Valid}. The limits are far above a real track (the seed roadmap has 4 levels,
 * 3 groups of at most 6 items, 12 certifications, 23 skills, 3 salary regions): a track may have up to 200
 * certifications and 200 skills, and a group may list every one of them.
 */
@Configuration(proxyBeanMethods = false)
class DraftLimits {

    /** A career ladder, not a list: Entry to Executive is 4. */
    static final int LEVELS = 20;
    static final int CERTIFICATIONS = 200;
    static final int SKILLS = 200;
    static final int SALARY_REGIONS = 50;
    /** Requirement groups of one level. */
    static final int GROUPS = 20;
    /** Items of one group: every certification and every skill of the track. */
    static final int ITEMS = CERTIFICATIONS + SKILLS;

    @Bean
    ValidationConfigurationCustomizer draftSizeLimits() {
        return configuration -> {
            if (!(configuration instanceof HibernateValidatorConfiguration hibernate)) {
                throw new IllegalStateException("The draft limits need Hibernate Validator, not "
                        + configuration.getClass().getName());
            }
            ConstraintMapping mapping = hibernate.createConstraintMapping();
            mapping.type(CatalogVersionPublished.class)
                    .field("levels").constraint(new SizeDef().max(LEVELS)).valid()
                    .field("certifications").constraint(new SizeDef().max(CERTIFICATIONS))
                    .field("skills").constraint(new SizeDef().max(SKILLS))
                    .field("salaryRegions").constraint(new SizeDef().max(SALARY_REGIONS))
                    .type(Level.class)
                    .field("requirements").constraint(new SizeDef().max(GROUPS)).valid()
                    .type(RequirementGroup.class)
                    .field("items").constraint(new SizeDef().max(ITEMS));
            hibernate.addMapping(mapping);
        };
    }
}
