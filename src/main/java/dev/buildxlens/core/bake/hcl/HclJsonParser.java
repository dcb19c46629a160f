package dev.buildxlens.core.bake.hcl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HCL's JSON syntax (hashicorp/hcl {@code json/spec.md}): a JSON object is a body; which of its properties are blocks
 * is not in the JSON but in the schema the application gives ({@link BlockShape}). A block type's value is an object
 * whose keys are the labels (one level per label), each leading to the block's body object or an array of bodies;
 * everything else is an attribute. JSON strings are templates ({@code ${}} is evaluated), object keys too; a
 * {@code "//"} property is a comment.
 */
public final class HclJsonParser {

    /** A block type the application expects: how many labels it has and which nested block types its body holds. */
    public record BlockShape(int labels, Map<String, BlockShape> nested) {
        public BlockShape {
            nested = Map.copyOf(nested);
        }
    }

    private sealed interface Node {
        SourceRange range();
    }

    private record Scalar(Object value, SourceRange range) implements Node {
    }

    private record Array(List<Node> items, SourceRange range) implements Node {
    }

    private record Property(String name, SourceRange nameRange, Node value) {
    }

    private record Obj(List<Property> properties, SourceRange range, SourceRange open, SourceRange close) implements Node {
    }

    private final String file;
    private final String text;
    private final int[] lineStarts;

    private HclJsonParser(String file, String text) {
        this.file = file;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Parses a file in JSON syntax into a body, reading the properties named in {@code blocks} as blocks. */
    public static Body parse(String file, String text, Map<String, BlockShape> blocks) throws HclException {
        HclJsonParser reader = new HclJsonParser(file, text);
        Node root;
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new HclException(HclException.Kind.SYNTAX, reader.at(0, 0), "Empty JSON file: a JSON bake file holds one object");
            }
            root = reader.read(parser, 0);
            if (parser.nextToken() != null) {
                throw new HclException(HclException.Kind.SYNTAX, reader.location(parser.currentTokenLocation()),
                        "Extraneous data after the JSON object");
            }
        } catch (JsonParseException e) {
            JsonLocation location = e.getLocation();
            throw new HclException(HclException.Kind.SYNTAX, location == null ? null : reader.location(location),
                    "Invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HclException(HclException.Kind.SYNTAX, null, "Invalid JSON: " + e.getMessage());
        }
        if (!(root instanceof Obj obj)) {
            throw new HclException(HclException.Kind.SYNTAX, root.range(), "Root value must be object: the root of a JSON bake file is an object");
        }
        return reader.body(obj, blocks);
    }

    private Node read(JsonParser parser, int depth) throws IOException, HclException {
        JsonToken token = parser.currentToken();
        JsonLocation start = parser.currentTokenLocation();
        if (depth > HclParser.MAX_DEPTH) {
            throw new HclException(HclException.Kind.LIMIT, location(start), "Nesting too deep: more than " + HclParser.MAX_DEPTH + " levels");
        }
        switch (token) {
            case START_OBJECT: {
                SourceRange open = at(offset(start), offset(start) + 1);
                List<Property> properties = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation nameStart = parser.currentTokenLocation();
                    String name = parser.currentName();
                    SourceRange nameRange = at(offset(nameStart), offset(parser.currentLocation()));
                    parser.nextToken();
                    properties.add(new Property(name, nameRange, read(parser, depth + 1)));
                }
                JsonLocation closeAt = parser.currentTokenLocation();
                SourceRange close = at(offset(closeAt), offset(closeAt) + 1);
                return new Obj(properties, open.to(close), open, close);
            }
            case START_ARRAY: {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(parser, depth + 1));
                }
                return new Array(items, at(offset(start), offset(parser.currentLocation())));
            }
            case VALUE_STRING:
                return new Scalar(parser.getText(), at(offset(start), offset(parser.currentLocation())));
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return new Scalar(parser.getDecimalValue(), at(offset(start), offset(parser.currentLocation())));
            case VALUE_TRUE:
            case VALUE_FALSE:
                return new Scalar(token == JsonToken.VALUE_TRUE, at(offset(start), offset(parser.currentLocation())));
            case VALUE_NULL:
                return new Scalar(null, at(offset(start), offset(parser.currentLocation())));
            default:
                throw new HclException(HclException.Kind.SYNTAX, location(start), "Unexpected JSON token " + token);
        }
    }

    private Body body(Obj obj, Map<String, BlockShape> shapes) throws HclException {
        Map<String, Body.Attribute> attributes = new LinkedHashMap<>();
        List<Body.Block> blocks = new ArrayList<>();
        for (Property property : obj.properties()) {
            if (property.name().equals("//")) {
                continue;
            }
            BlockShape shape = shapes.get(property.name());
            if (shape != null) {
                blocks(property.name(), property.nameRange(), property.value(), shape, List.of(), List.of(), blocks);
                continue;
            }
            Body.Attribute previous = attributes.get(property.name());
            if (previous != null) {
                throw new HclException(HclException.Kind.SYNTAX, property.nameRange(), "Duplicate argument: the argument \""
                        + property.name() + "\" was already set at " + previous.nameRange().location());
            }
            Expr expr = expr(property.value());
            attributes.put(property.name(), new Body.Attribute(property.name(), expr,
                    property.nameRange().to(property.value().range()), property.nameRange()));
        }
        SourceRange inside = obj.open().to(obj.close());
        return new Body(attributes, blocks, inside);
    }

    private void blocks(String type, SourceRange typeRange, Node value, BlockShape shape, List<String> labels,
                        List<SourceRange> labelRanges, List<Body.Block> out) throws HclException {
        if (value instanceof Array array) {
            for (Node item : array.items()) {
                blocks(type, typeRange, item, shape, labels, labelRanges, out);
            }
            return;
        }
        if (!(value instanceof Obj obj)) {
            throw new HclException(HclException.Kind.SYNTAX, value.range(), "Incorrect JSON value type: a JSON object is required for the "
                    + (labels.size() < shape.labels() ? "labels" : "body") + " of the \"" + type + "\" block");
        }
        if (labels.size() < shape.labels()) {
            for (Property property : obj.properties()) {
                List<String> more = new ArrayList<>(labels);
                more.add(property.name());
                List<SourceRange> moreRanges = new ArrayList<>(labelRanges);
                moreRanges.add(property.nameRange());
                blocks(type, typeRange, property.value(), shape, more, moreRanges, out);
            }
            return;
        }
        Body body = body(obj, shape.nested());
        SourceRange start = labelRanges.isEmpty() ? typeRange : labelRanges.get(labelRanges.size() - 1);
        out.add(new Body.Block(type, labels, labelRanges, body, start.to(obj.close()), typeRange, obj.open(), obj.close()));
    }

    private Expr expr(Node node) throws HclException {
        if (node instanceof Scalar scalar) {
            Object value = scalar.value();
            if (value instanceof String s) {
                return HclParser.parseTemplate(file, s, scalar.range());
            }
            if (value instanceof BigDecimal n) {
                return new Expr.Literal(new Value.Num(n), scalar.range());
            }
            if (value instanceof Boolean b) {
                return new Expr.Literal(Value.of(b), scalar.range());
            }
            return new Expr.Literal(Value.NULL, scalar.range());
        }
        if (node instanceof Array array) {
            List<Expr> items = new ArrayList<>();
            for (Node item : array.items()) {
                items.add(expr(item));
            }
            return new Expr.TupleCons(items, array.range());
        }
        Obj obj = (Obj) node;
        List<Expr.ObjectItem> items = new ArrayList<>();
        for (Property property : obj.properties()) {
            items.add(new Expr.ObjectItem(HclParser.parseTemplate(file, property.name(), property.nameRange()), expr(property.value())));
        }
        return new Expr.ObjectCons(items, obj.range());
    }

    private int offset(JsonLocation location) {
        long chars = location.getCharOffset();
        if (chars >= 0) {
            return (int) Math.min(chars, text.length());
        }
        int line = Math.max(1, location.getLineNr());
        return Math.min(text.length(), lineStarts[Math.min(line, lineStarts.length) - 1] + Math.max(0, location.getColumnNr() - 1));
    }

    private SourceRange location(JsonLocation location) {
        int offset = offset(location);
        return at(offset, Math.min(offset + 1, text.length()));
    }

    private SourceRange at(int from, int to) {
        return new SourceRange(file, line(from), column(from), from, line(to), column(to), to);
    }

    private int line(int offset) {
        int index = java.util.Arrays.binarySearch(lineStarts, offset);
        return (index >= 0 ? index : -index - 2) + 1;
    }

    private int column(int offset) {
        return offset - lineStarts[line(offset) - 1] + 1;
    }
}
