package org.partybuilding.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Finding an expression field in a JSON body wherever it hides, as the engine's own JSON reader would see it. */
class RequestGuardFilterTest {

    @Test
    void findsAnExpressionFieldAtAnyDepthAndInAnySpelling() throws Exception {
        assertThat(field("{\"assignee\":\"x\"}")).isNull();
        assertThat(field("{\"dueAfterExpression\":\"${1}\"}")).isEqualTo("dueAfterExpression");
        assertThat(field("{\"orQueries\":[{\"a\":1},{\"b\":{\"c\":[{\"candidateGroupsExpression\":\"${x}\"}]}}]}"))
                .isEqualTo("candidateGroupsExpression");
        assertThat(field("{\"orQueries\":[{\"dueAfter\\u0045xpression\":\"${1}\"}]}")).isEqualTo("dueAfterExpression");
        assertThat(field("{\"AssigneeEXPRESSION\":\"${1}\"}")).isEqualTo("AssigneeEXPRESSION");
        assertThat(field("{\"q\":{},\"q\":{\"ownerExpression\":\"${1}\"}}")).isEqualTo("ownerExpression");
        assertThat(field("[{\"followUpBeforeExpression\":\"${1}\"}]")).isEqualTo("followUpBeforeExpression");
    }

    @Test
    void valuesThatMerelyMentionExpressionsAreNoFields() throws Exception {
        assertThat(field("{\"description\":\"dueAfterExpression ${1}\"}")).isNull();
    }

    @Test
    void aBodyThatIsNotJsonIsReported() {
        assertThatThrownBy(() -> field("{\"orQueries\":[{\"dueAfterExpression\"")).isInstanceOf(JsonParseException.class);
    }

    private static String field(String json) throws Exception {
        return RequestGuardFilter.expressionField(json.getBytes(StandardCharsets.UTF_8));
    }
}
