package io.opendetection.eql.parse;

import io.opendetection.eql.parse.EqlQuery.EventQuery;
import io.opendetection.eql.parse.EqlQuery.Pipe;
import io.opendetection.eql.parse.EqlQuery.Step;
import io.opendetection.eql.parse.Expr.ArithmeticOp;
import io.opendetection.eql.parse.Expr.CompareOp;
import io.opendetection.eql.parse.Expr.MatchKind;
import io.opendetection.eql.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent parser for Elasticsearch's EQL grammar: event queries, sequences (with
 * {@code by}, {@code maxspan}, {@code until}, {@code runs}, missing events), samples and the
 * {@code head}, {@code tail} and {@code filter} pipes; and for what Elasticsearch's conformance
 * suite keeps of python EQL: joins, {@code fork}, the {@code unique}, {@code sort},
 * {@code unique_count} and {@code count} pipes, process lineage ({@code descendant of},
 * {@code child of}, {@code event of}) and the array, {@code match} and {@code safe} functions.
 * Errors name the line, the column and what was expected.
 */
public final class EqlParser {

    /** Function name (lower case) → [canonical name, min args, max args (-1: any), has a ~ form]. */
    private static final Map<String, Object[]> FUNCTIONS = Map.ofEntries(
            Map.entry("add", new Object[] {"add", 2, 2, false}),
            Map.entry("arraycontains", new Object[] {"arrayContains", 2, -1, false}),
            Map.entry("arraycount", new Object[] {"arrayCount", 3, 3, false}),
            Map.entry("arraysearch", new Object[] {"arraySearch", 3, 3, false}),
            Map.entry("match", new Object[] {"match", 2, -1, false}),
            Map.entry("matchlite", new Object[] {"matchLite", 2, -1, false}),
            Map.entry("safe", new Object[] {"safe", 1, 1, false}),
            Map.entry("between", new Object[] {"between", 3, 4, true}),
            Map.entry("cidrmatch", new Object[] {"cidrMatch", 2, -1, false}),
            Map.entry("concat", new Object[] {"concat", 1, -1, false}),
            Map.entry("divide", new Object[] {"divide", 2, 2, false}),
            Map.entry("endswith", new Object[] {"endsWith", 2, 2, true}),
            Map.entry("indexof", new Object[] {"indexOf", 2, 3, true}),
            Map.entry("length", new Object[] {"length", 1, 1, false}),
            Map.entry("modulo", new Object[] {"modulo", 2, 2, false}),
            Map.entry("multiply", new Object[] {"multiply", 2, 2, false}),
            Map.entry("number", new Object[] {"number", 1, 2, false}),
            Map.entry("startswith", new Object[] {"startsWith", 2, 2, true}),
            Map.entry("string", new Object[] {"string", 1, 1, false}),
            Map.entry("stringcontains", new Object[] {"stringContains", 2, 2, true}),
            Map.entry("substring", new Object[] {"substring", 2, 3, false}),
            Map.entry("subtract", new Object[] {"subtract", 2, 2, false}));

    private static final String PIPES = "head, tail, filter, unique, sort, unique_count or count";

    private static final Map<String, Long> TIME_UNITS = Map.of("ms", 1L, "s", 1000L, "m", 60_000L,
            "h", 3_600_000L, "d", 86_400_000L);

    private final String input;
    private final List<Token> tokens;
    // The name token of each pipe parsed, in order, for errors about a pipe.
    private final List<Token> pipeTokens = new ArrayList<>();
    private int index;

    private EqlParser(String input) {
        this.input = input;
        this.tokens = EqlLexer.tokenize(input);
    }

    public static EqlQuery parse(String query) {
        return parser(query).query();
    }

    private static EqlParser parser(String query) {
        if (query == null || query.isBlank()) {
            throw new EqlSyntaxException(query == null ? "" : query, 0, "expected an EQL query but found end of input");
        }
        return new EqlParser(query);
    }

    /**
     * Parses a detection rule's query: as {@link #parse}, but a pipe that yields no events
     * ({@code count}, {@code unique_count}) is an error naming it, since a rule raises alerts from events.
     */
    public static EqlQuery parseRuleQuery(String query) {
        EqlParser parser = parser(query);
        EqlQuery parsed = parser.query();
        for (int i = 0; i < parsed.pipes().size(); i++) {
            if (!EqlQuery.yieldsEvents(parsed.pipes().get(i))) {
                Token name = parser.pipeTokens.get(i);
                throw parser.error(name, "pipe [" + name.text() + "] yields no events and cannot be used in a rule: "
                        + "expected head, tail, filter, unique or sort");
            }
        }
        return parsed;
    }

    private EqlQuery query() {
        EqlQuery query;
        if (peek().isKeyword("sequence")) {
            query = sequence();
        } else if (peek().isKeyword("sample")) {
            query = sample();
        } else if (peek().isKeyword("join")) {
            query = join();
        } else {
            EventQuery event = eventQuery();
            query = new EqlQuery.EventSearch(event, pipes());
        }
        if (peek().kind() != Kind.END) {
            throw expected("'|' or end of input");
        }
        return query;
    }

    private EqlQuery.Sequence sequence() {
        next();
        List<Expr> keys = List.of();
        Long maxspan = null;
        if (peek().isKeyword("by")) {
            next();
            keys = joinKeys();
            if (peek().isKeyword("with")) {
                maxspan = maxspan();
            }
        } else if (peek().isKeyword("with")) {
            maxspan = maxspan();
            if (peek().isKeyword("by")) {
                next();
                keys = joinKeys();
            }
        }
        List<Step> steps = new ArrayList<>();
        while (startsStep()) {
            steps.add(step(true));
        }
        Step until = null;
        if (peek().isKeyword("until")) {
            next();
            until = step(false);
        }
        if (steps.stream().filter(step -> !step.missing()).mapToInt(Step::runs).sum() < 1 || steps.size() < 2
                && steps.stream().mapToInt(Step::runs).sum() < 2) {
            throw expected("a sequence of at least two '[' queries");
        }
        checkKeyCounts(steps, until);
        return new EqlQuery.Sequence(keys, maxspan, steps, until, pipes());
    }

    private EqlQuery.Join join() {
        next();
        List<Expr> keys = byKeys();
        List<Step> steps = new ArrayList<>();
        while (peek().isSymbol("[")) {
            steps.add(step(false));
        }
        if (steps.size() < 2) {
            throw expected("a join of at least two '[' queries");
        }
        Step until = null;
        if (peek().isKeyword("until")) {
            next();
            until = step(false);
        }
        checkKeyCounts(steps, until);
        return new EqlQuery.Join(keys, steps, until, pipes());
    }

    private EqlQuery.Sample sample() {
        next();
        List<Expr> keys = byKeys();
        List<Step> steps = new ArrayList<>();
        while (peek().isSymbol("[")) {
            Step step = step(false);
            if (step.runs() != 1) {
                throw error(peek(), "runs is not supported in samples");
            }
            steps.add(step);
        }
        if (steps.isEmpty()) {
            throw expected("'['");
        }
        checkKeyCounts(steps, null);
        return new EqlQuery.Sample(keys, steps, pipes());
    }

    private boolean startsStep() {
        Token token = peek();
        return token.isSymbol("[") || token.isSymbol("![")
                || token.isSymbol("-") && peek(1).isSymbol("[") && peek(1).start() == token.end();
    }

    /** Every step names as many join keys as the others (Elasticsearch's "Inconsistent number of join keys"). */
    private void checkKeyCounts(List<Step> steps, Step until) {
        int expected = steps.get(0).keys().size();
        List<Step> all = new ArrayList<>(steps);
        if (until != null) {
            all.add(until);
        }
        for (Step step : all) {
            if (step.keys().size() != expected) {
                throw new EqlSyntaxException(input, tokens.get(index).start(), "inconsistent number of join keys: expected ["
                        + expected + "] but found [" + step.keys().size() + "]");
            }
        }
    }

    private long maxspan() {
        next();
        Token name = next();
        if (!name.isKeyword("maxspan")) {
            throw error(name, "expected 'maxspan' but found " + name.describe());
        }
        expectSymbol("=");
        Token number = next();
        if (number.kind() != Kind.INTEGER) {
            throw error(number, "expected a whole number for maxspan but found " + number.describe());
        }
        long amount = Long.parseLong(number.text());
        Long unit = 1000L;
        if (peek().kind() == Kind.IDENTIFIER && TIME_UNITS.containsKey(peek().text())) {
            unit = TIME_UNITS.get(next().text());
        } else if (peek().kind() == Kind.IDENTIFIER && peek().start() == number.end()) {
            throw error(peek(), "unknown time unit '" + peek().text() + "': expected one of ms, s, m, h, d");
        }
        if (amount <= 0) {
            throw error(number, "maxspan must be positive: expected a number greater than 0");
        }
        return amount * unit;
    }

    /** {@code [query] [by keys] [with runs=N]}, or {@code ![query] [by keys]}. */
    private Step step(boolean allowMissing) {
        Token open = next();
        boolean missing = open.isSymbol("![") || open.isSymbol("-");
        if (open.isSymbol("-")) {
            next();
        }
        if (missing && !allowMissing) {
            throw error(open, "missing events are only allowed in sequences: expected '['");
        }
        if (!open.isSymbol("[") && !missing) {
            throw error(open, "expected '[' but found " + open.describe());
        }
        EventQuery query = eventQuery();
        expectSymbol("]");
        boolean fork = fork();
        List<Expr> keys = byKeys();
        fork = fork() || fork;
        int runs = 1;
        if (peek().isKeyword("with") && peek(1).isKeyword("runs")) {
            next();
            next();
            expectSymbol("=");
            Token number = next();
            if (number.kind() != Kind.INTEGER) {
                throw error(number, "expected a whole number for runs but found " + number.describe());
            }
            runs = Integer.parseInt(number.text());
            if (runs < 1 || runs > 100) {
                throw error(number, "runs must be between 1 and 100");
            }
        }
        if (fork && missing) {
            throw error(open, "fork is not allowed on a missing event");
        }
        return new Step(query, keys, missing, runs, fork);
    }

    /** python EQL's step parameter {@code fork} or {@code fork=true|false}. */
    private boolean fork() {
        if (!peek().isKeyword("fork")) {
            return false;
        }
        next();
        if (!peek().isSymbol("=")) {
            return true;
        }
        next();
        Token value = next();
        if (!value.isKeyword("true") && !value.isKeyword("false")) {
            throw error(value, "expected true or false for fork but found " + value.describe());
        }
        return value.text().equals("true");
    }

    /** {@code by} and its keys, when the next token is {@code by}; else none. */
    private List<Expr> byKeys() {
        if (!peek().isKeyword("by")) {
            return List.of();
        }
        next();
        return joinKeys();
    }

    private List<Expr> joinKeys() {
        List<Expr> keys = new ArrayList<>();
        keys.add(expression());
        while (peek().isSymbol(",")) {
            next();
            keys.add(expression());
        }
        return keys;
    }

    private EventQuery eventQuery() {
        Token category = next();
        String name;
        if (category.isKeyword("any")) {
            name = null;
        } else if (category.kind() == Kind.IDENTIFIER || category.kind() == Kind.STRING
                || category.kind() == Kind.QUOTED_IDENTIFIER) {
            name = category.text();
        } else {
            throw error(category, "expected an event category or 'any' but found " + category.describe());
        }
        Token where = next();
        if (!where.isKeyword("where")) {
            throw error(where, "expected 'where' but found " + where.describe());
        }
        return new EventQuery(name, expression());
    }

    private List<Pipe> pipes() {
        List<Pipe> pipes = new ArrayList<>();
        while (peek().isSymbol("|")) {
            next();
            Token name = next();
            pipeTokens.add(name);
            switch (name.kind() == Kind.IDENTIFIER ? name.text() : "") {
                case "head" -> pipes.add(new EqlQuery.Head(count(name)));
                case "tail" -> pipes.add(new EqlQuery.Tail(count(name)));
                case "filter" -> pipes.add(new EqlQuery.Filter(expression()));
                case "unique" -> pipes.add(new EqlQuery.Unique(pipeKeys(name, true)));
                case "sort" -> pipes.add(new EqlQuery.Sort(pipeKeys(name, true)));
                case "unique_count" -> pipes.add(new EqlQuery.UniqueCount(pipeKeys(name, true)));
                case "count" -> pipes.add(new EqlQuery.Count(pipeKeys(name, false)));
                default -> throw error(name, name.kind() == Kind.IDENTIFIER
                        ? "pipe [" + name.text() + "] is not supported: expected " + PIPES
                        : "expected a pipe (" + PIPES + ") but found " + name.describe());
            }
        }
        return pipes;
    }

    /** A pipe's keys, separated by commas or only by spaces, up to the next pipe. */
    private List<Expr> pipeKeys(Token pipe, boolean required) {
        List<Expr> keys = new ArrayList<>();
        while (peek().kind() != Kind.END && !peek().isSymbol("|")) {
            if (!keys.isEmpty() && peek().isSymbol(",")) {
                next();
            }
            keys.add(expression());
        }
        if (required && keys.isEmpty()) {
            throw expected("an expression after " + pipe.text());
        }
        return keys;
    }

    private int count(Token pipe) {
        if (peek().kind() != Kind.INTEGER) {
            if (peek().kind() == Kind.END || peek().isSymbol("|")) {
                return 10;
            }
            throw expected("a whole number after " + pipe.text());
        }
        return Integer.parseInt(next().text());
    }

    // ---- expressions, lowest precedence first

    private Expr expression() {
        Expr left = and();
        while (peek().isKeyword("or")) {
            next();
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("and")) {
            next();
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() {
        if (peek().isKeyword("not")) {
            next();
            return new Expr.Not(not());
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        Token token = peek();
        if (token.kind() == Kind.SYMBOL) {
            CompareOp op = switch (token.text()) {
                case "==" -> CompareOp.EQ;
                case "!=" -> CompareOp.NEQ;
                case "<" -> CompareOp.LT;
                case "<=" -> CompareOp.LTE;
                case ">" -> CompareOp.GT;
                case ">=" -> CompareOp.GTE;
                default -> null;
            };
            if (op != null) {
                next();
                return comparison(op, left, additive());
            }
            if (token.isSymbol(":") || token.isSymbol("!:")) {
                next();
                boolean negated = token.isSymbol("!:");
                List<Expr> patterns = patterns();
                if (patterns.size() == 1 && isNullLiteral(patterns.get(0))) {
                    return new Expr.IsNull(left, negated);
                }
                if (patterns.size() == 1 && isNullLiteral(left)) {
                    return new Expr.IsNull(patterns.get(0), negated);
                }
                return new Expr.Match(MatchKind.SEQ, true, negated, left, patterns);
            }
        }
        boolean negated = false;
        if (token.isKeyword("not") && (peek(1).isKeyword("in"))) {
            next();
            negated = true;
            token = peek();
        }
        if (token.isKeyword("in")) {
            next();
            boolean insensitive = tilde(token);
            expectSymbol("(");
            List<Expr> candidates = new ArrayList<>();
            candidates.add(expression());
            while (peek().isSymbol(",")) {
                next();
                candidates.add(expression());
            }
            expectSymbol(")");
            return new Expr.In(left, candidates, insensitive, negated);
        }
        if (token.isKeyword("like") || token.isKeyword("regex")) {
            next();
            boolean insensitive = tilde(token);
            MatchKind kind = token.text().equals("like") ? MatchKind.LIKE : MatchKind.REGEX;
            return new Expr.Match(kind, insensitive, false, left, patterns());
        }
        return left;
    }

    /** {@code x == null} is Elasticsearch's IsNull, whatever side the null is on. */
    private static Expr comparison(CompareOp op, Expr left, Expr right) {
        if ((op == CompareOp.EQ || op == CompareOp.NEQ) && (isNullLiteral(left) || isNullLiteral(right))) {
            return new Expr.IsNull(isNullLiteral(left) ? right : left, op == CompareOp.NEQ);
        }
        return new Expr.Compare(op, left, right);
    }

    private static boolean isNullLiteral(Expr expr) {
        return expr instanceof Expr.Literal literal && literal.value() == null;
    }

    /** One constant, or a parenthesised list of them, for {@code :}, {@code like} and {@code regex}. */
    private List<Expr> patterns() {
        List<Expr> patterns = new ArrayList<>();
        if (peek().isSymbol("(")) {
            int save = index;
            next();
            patterns.add(expression());
            if (peek().isSymbol(",")) {
                while (peek().isSymbol(",")) {
                    next();
                    patterns.add(expression());
                }
                expectSymbol(")");
                return patterns;
            }
            // A single parenthesised operand: an ordinary expression.
            index = save;
            patterns.clear();
        }
        patterns.add(additive());
        return patterns;
    }

    /** The {@code ~} that must follow a keyword or function name directly. */
    private boolean tilde(Token before) {
        if (peek().isSymbol("~") && peek().start() == before.end()) {
            next();
            return true;
        }
        return false;
    }

    private Expr additive() {
        Expr left = multiplicative();
        while (peek().isSymbol("+") || peek().isSymbol("-")) {
            if (peek().isSymbol("-") && peek(1).isSymbol("[")) {
                return left;
            }
            ArithmeticOp op = next().text().equals("+") ? ArithmeticOp.ADD : ArithmeticOp.SUBTRACT;
            left = new Expr.Arithmetic(op, left, multiplicative());
        }
        return left;
    }

    private Expr multiplicative() {
        Expr left = unary();
        while (peek().isSymbol("*") || peek().isSymbol("/") || peek().isSymbol("%")) {
            ArithmeticOp op = switch (next().text()) {
                case "*" -> ArithmeticOp.MULTIPLY;
                case "/" -> ArithmeticOp.DIVIDE;
                default -> ArithmeticOp.MODULO;
            };
            left = new Expr.Arithmetic(op, left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (peek().isSymbol("-")) {
            next();
            Expr operand = unary();
            if (operand instanceof Expr.Literal literal && literal.value() instanceof Long number) {
                return new Expr.Literal(-number);
            }
            if (operand instanceof Expr.Literal literal && literal.value() instanceof Double number) {
                return new Expr.Literal(-number);
            }
            return new Expr.Negate(operand);
        }
        if (peek().isSymbol("+")) {
            next();
            return unary();
        }
        return primary();
    }

    private Expr primary() {
        Token token = next();
        switch (token.kind()) {
            case STRING:
                return new Expr.Literal(token.text());
            case INTEGER:
                try {
                    return new Expr.Literal(Long.parseLong(token.text()));
                } catch (NumberFormatException e) {
                    return new Expr.Literal(Double.parseDouble(token.text()));
                }
            case DECIMAL:
                return new Expr.Literal(Double.parseDouble(token.text()));
            case QUOTED_IDENTIFIER:
                return field(token.text(), false, token);
            case IDENTIFIER:
                return identifier(token);
            case SYMBOL:
                if (token.isSymbol("(")) {
                    Expr inner = expression();
                    expectSymbol(")");
                    return inner;
                }
                if (token.isSymbol("?")) {
                    Token name = next();
                    if (name.kind() != Kind.IDENTIFIER && name.kind() != Kind.QUOTED_IDENTIFIER) {
                        throw error(name, "expected a field name after '?' but found " + name.describe());
                    }
                    return field(name.text(), true, name);
                }
                throw error(token, "expected an expression but found " + token.describe());
            default:
                throw error(token, "expected an expression but found " + token.describe());
        }
    }

    private Expr identifier(Token token) {
        switch (token.text()) {
            case "true":
                return new Expr.Literal(Boolean.TRUE);
            case "false":
                return new Expr.Literal(Boolean.FALSE);
            case "null":
                return new Expr.Literal(null);
            case "and", "or", "not", "in", "like", "regex", "where", "by", "with", "until", "sequence", "sample",
                    "of", "join", "any":
                throw error(token, "expected an expression but found keyword '" + token.text() + "'");
            default:
                break;
        }
        Expr.LineageKind lineage = switch (token.text()) {
            case "descendant" -> Expr.LineageKind.DESCENDANT;
            case "child" -> Expr.LineageKind.CHILD;
            case "event" -> Expr.LineageKind.EVENT;
            default -> null;
        };
        if (lineage != null && peek().isKeyword("of")) {
            next();
            expectSymbol("[");
            EventQuery query = eventQuery();
            expectSymbol("]");
            return new Expr.Lineage(lineage, query);
        }
        boolean insensitive = peek().isSymbol("~") && peek().start() == token.end() && peek(1).isSymbol("(");
        if (peek().isSymbol("(") || insensitive) {
            return call(token, insensitive);
        }
        return field(token.text(), false, token);
    }

    private Expr field(String name, boolean optional, Token token) {
        String path = name;
        // An array index written right after the name, and what follows it: field[0], events[1].pid.
        while (peek().isSymbol("[") && peek().start() == tokens.get(index - 1).end()
                && peek(1).kind() == Kind.INTEGER && peek(2).isSymbol("]")) {
            next();
            path = path + "[" + next().text() + "]";
            Token close = next();
            if (peek().isSymbol(".") && peek().start() == close.end() && peek(1).kind() == Kind.IDENTIFIER
                    && peek(1).start() == peek().end()) {
                next();
                path = path + "." + next().text();
            }
        }
        if (path.endsWith(".") || path.startsWith(".") || path.contains("..")) {
            throw error(token, "invalid field name '" + path + "'");
        }
        return new Expr.Field(path, optional);
    }

    private Expr call(Token name, boolean insensitive) {
        Object[] spec = FUNCTIONS.get(name.text().toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw error(name, "unknown function [" + name.text() + "]: expected one of add, arrayContains, arrayCount, "
                    + "arraySearch, between, cidrMatch, concat, divide, endsWith, indexOf, length, match, matchLite, "
                    + "modulo, multiply, number, safe, startsWith, string, stringContains, substring, subtract");
        }
        if (insensitive) {
            next();
            if (!(Boolean) spec[3]) {
                throw error(name, "function [" + spec[0] + "] has no case-insensitive (~) form");
            }
        }
        expectSymbol("(");
        List<Expr> args = new ArrayList<>();
        if (!peek().isSymbol(")")) {
            args.add(expression());
            while (peek().isSymbol(",")) {
                next();
                args.add(expression());
            }
        }
        expectSymbol(")");
        if ((spec[0].equals("arraySearch") || spec[0].equals("arrayCount")) && args.size() == 3
                && !(args.get(1) instanceof Expr.Field variable && !variable.optional()
                && variable.name().indexOf('.') < 0 && variable.name().indexOf('[') < 0)) {
            throw error(name, "function [" + spec[0] + "] expects a variable name as its second argument");
        }
        int min = (Integer) spec[1];
        int max = (Integer) spec[2];
        if (args.size() < min || max >= 0 && args.size() > max) {
            String wanted = max < 0 ? "at least " + min : min == max ? String.valueOf(min) : min + " to " + max;
            throw error(name, "function [" + spec[0] + "] expects " + wanted + " arguments but found " + args.size());
        }
        return new Expr.Call((String) spec[0], insensitive, args);
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(index);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token token = tokens.get(index);
        if (token.kind() != Kind.END) {
            index++;
        }
        return token;
    }

    private void expectSymbol(String symbol) {
        Token token = peek();
        if (!token.isSymbol(symbol)) {
            throw expected("'" + symbol + "'");
        }
        next();
    }

    private EqlSyntaxException expected(String what) {
        return error(peek(), "expected " + what + " but found " + peek().describe());
    }

    private EqlSyntaxException error(Token token, String reason) {
        return new EqlSyntaxException(input, token.start(), reason);
    }
}
