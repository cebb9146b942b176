using System.Globalization;
using System.Text;

namespace DescribeFunction.Describing.Structured;

/// <summary>
/// Pulls the top-level <c>description</c> string out of a JSON object while it is still arriving, so progressive
/// writes show prose growing rather than half a JSON document. Fed the stream's pieces in order, it decodes escapes
/// (also when a piece ends inside one) and skips every other property, however nested.
/// </summary>
public sealed class PartialDescriptionReader(string property = "description")
{
    private readonly StringBuilder _key = new();
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _hex = new();
    private State _state = State.BeforeObject;
    private bool _escaped;
    private int _nesting;
    private bool _nestedString;

    private enum State
    {
        BeforeObject,
        ExpectKey,
        InKey,
        ExpectColon,
        ExpectValue,
        InProperty,
        InOtherString,
        InNested,
        InScalar,
        Finished,
    }

    /// <summary>The description decoded so far.</summary>
    public string Text => _text.ToString();

    /// <summary>The description string has been read to its closing quote.</summary>
    public bool Complete { get; private set; }

    /// <summary>Consumes the next piece of the stream; returns the description text it added.</summary>
    public string Append(string piece)
    {
        ArgumentNullException.ThrowIfNull(piece);
        var before = _text.Length;
        foreach (var c in piece)
        {
            if (_state == State.Finished)
            {
                break;
            }

            Step(c);
        }

        return _text.ToString(before, _text.Length - before);
    }

    // The string cases read the character in their guard: a guard that is false has consumed it all the same.
    private void Step(char c)
    {
        switch (_state)
        {
            case State.BeforeObject when c == '{':
            case State.InScalar when c == ',':
                _state = State.ExpectKey;
                break;
            case State.ExpectKey when c == '"':
                _key.Clear();
                _state = State.InKey;
                break;
            case State.ExpectKey when c == '}':
            case State.InScalar when c == '}':
                _state = State.Finished;
                break;
            case State.InKey when ReadString(c, _key):
                _state = State.ExpectColon;
                break;
            case State.ExpectColon when c == ':':
                _state = State.ExpectValue;
                break;
            case State.ExpectValue:
                StartValue(c);
                break;
            case State.InProperty when ReadString(c, _text):
                Complete = true;
                _state = State.Finished;
                break;
            case State.InOtherString when ReadString(c, into: null):
                _state = State.ExpectKey;
                break;
            case State.InNested:
                SkipNested(c);
                break;
        }
    }

    private void StartValue(char c)
    {
        if (char.IsWhiteSpace(c))
        {
            return;
        }

        var isTarget = _key.Equals(property.AsSpan());
        (_state, _nesting) = c switch
        {
            '"' => (isTarget ? State.InProperty : State.InOtherString, 0),
            '{' or '[' => (State.InNested, 1),
            _ => (State.InScalar, 0),
        };
    }

    private void SkipNested(char c)
    {
        if (_nestedString)
        {
            _nestedString = !ReadString(c, into: null);
            return;
        }

        switch (c)
        {
            case '"':
                _nestedString = true;
                break;
            case '{' or '[':
                _nesting++;
                break;
            case '}' or ']' when --_nesting == 0:
                _state = State.ExpectKey;
                break;
        }
    }

    /// <summary>Reads one character of a string body; true at the closing quote.</summary>
    private bool ReadString(char c, StringBuilder? into)
    {
        if (_hex.Length > 0 || (_escaped && c == 'u'))
        {
            ReadUnicodeEscape(c, into);
            return false;
        }

        if (_escaped)
        {
            _escaped = false;
            into?.Append(c switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                _ => c,
            });
            return false;
        }

        switch (c)
        {
            case '\\':
                _escaped = true;
                return false;
            case '"':
                return true;
            default:
                into?.Append(c);
                return false;
        }
    }

    private void ReadUnicodeEscape(char c, StringBuilder? into)
    {
        if (_escaped)
        {
            // The 'u' itself: the four hex digits follow.
            _escaped = false;
            _hex.Append('u');
            return;
        }

        _hex.Append(c);
        if (_hex.Length < 5)
        {
            return;
        }

        if (int.TryParse(_hex.ToString(1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
        {
            into?.Append((char)code);
        }

        _hex.Clear();
    }
}
