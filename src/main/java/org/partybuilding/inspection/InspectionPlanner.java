package org.partybuilding.inspection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.partybuilding.organization.Organization;
import org.partybuilding.organization.StaffMember;

/**
 * Assigns an inspector to every organization of a round, evenly, with the avoidance rule (回避): nobody inspects an
 * organization that the town, subdistrict or sector they belong to oversees (below it, or supervised by it: a
 * non-public enterprise of a town guided by the 两新工委), nor one they are secretary of. City-level inspectors may
 * inspect anyone. Deterministic: the same targets and inspectors give the same assignment.
 */
final class InspectionPlanner {

    private InspectionPlanner() {
    }

    record Assignment(Organization organization, StaffMember inspector) {
    }

    /** The plan cannot be carried out: the organizations no inspector may inspect, named in Chinese. */
    static final class Impossible extends Exception {
        Impossible(String message) {
            super(message);
        }
    }

    /**
     * @param avoidedBy the organizations an inspector must not inspect: those overseen by the town, subdistrict or
     *                  sector the inspector belongs to (none for a city-level inspector)
     */
    static List<Assignment> assign(List<Organization> targets, List<StaffMember> inspectors, Function<StaffMember, Set<String>> avoidedBy)
            throws Impossible {
        if (inspectors.isEmpty()) {
            throw new Impossible("没有可指派的督查人员");
        }
        Map<String, Set<String>> avoided = new HashMap<>();
        inspectors.forEach(inspector -> avoided.put(inspector.userId(), avoidedBy.apply(inspector)));
        Map<String, Integer> load = new HashMap<>();
        List<Assignment> assignments = new ArrayList<>();
        List<String> unassignable = new ArrayList<>();
        for (Organization target : targets) {
            StaffMember chosen = null;
            for (StaffMember inspector : inspectors) {
                if (!eligible(inspector, target, avoided.get(inspector.userId()))) {
                    continue;
                }
                if (chosen == null || load.getOrDefault(inspector.userId(), 0) < load.getOrDefault(chosen.userId(), 0)) {
                    chosen = inspector;
                }
            }
            if (chosen == null) {
                unassignable.add(target.name());
            } else {
                load.merge(chosen.userId(), 1, Integer::sum);
                assignments.add(new Assignment(target, chosen));
            }
        }
        if (!unassignable.isEmpty()) {
            throw new Impossible("按回避规则（督查人员不督查本人所在镇街或系统所辖、所指导的党组织），以下 " + unassignable.size() + " 个党组织没有可指派的督查人员："
                    + String.join("、", unassignable.subList(0, Math.min(10, unassignable.size())))
                    + (unassignable.size() > 10 ? " 等" : "") + "。请增加其他镇街或市级的督查人员，或缩小督查范围");
        }
        return assignments;
    }

    static boolean eligible(StaffMember inspector, Organization target, Set<String> avoided) {
        return !inspector.userId().equals(target.secretaryUserId()) && !avoided.contains(target.id());
    }
}
