using System.Globalization;

namespace Stagecraft.Core.Configuration;

/// <summary>
/// Reads one mapping of the config with typed getters. Every problem is recorded in <see cref="ConfigDiagnostics"/>
/// with its place and key path; <see cref="Complete"/> reports the keys nobody read as unknown.
/// Providers bind their own section (<c>cloud.providers.&lt;id&gt;</c>) with this reader.
/// </summary>
public sealed class ConfigSection
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public ConfigSection(ConfigMapping mapping, string path, ConfigDiagnostics diagnostics, string homeDirectory)
    {
        Mapping = mapping;
        Path = path;
        Diagnostics = diagnostics;
        HomeDirectory = homeDirectory;
    }

    public ConfigMapping Mapping { get; }

    public string Path { get; }

    public ConfigMark Mark => Mapping.Mark;

    public ConfigDiagnostics Diagnostics { get; }

    /// <summary>What <c>~</c> expands to in paths.</summary>
    public string HomeDirectory { get; }

    public string KeyPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public void Error(ConfigMark mark, string key, string problem) => Diagnostics.Add(mark, KeyPath(key), problem);

    public bool Has(string key) => Find(key) is not null;

    public ConfigEntry? Find(string key)
    {
        read.Add(key);
        var entry = Mapping.Find(key);
        return entry is null || (entry.Value is ConfigScalar { IsNull: true }) ? null : entry;
    }

    public string? RequiredString(string key)
    {
        var value = OptionalString(key);
        if (value is null && Mapping.Find(key) is null or { Value: ConfigScalar { IsNull: true } })
        {
            Error(Mapping.Find(key)?.KeyMark ?? Mark, key, "is required");
        }

        return value;
    }

    /// <summary>
    /// A <c>*_env</c> key: the NAME of the environment variable that holds a secret. A value that is no plausible name
    /// (a pasted token, characters no name has, long and random-looking) is refused without being shown.
    /// </summary>
    public string? RequiredVariableName(string key) => VariableName(key, RequiredString(key));

    /// <inheritdoc cref="RequiredVariableName"/>
    public string? OptionalVariableName(string key) => VariableName(key, OptionalString(key));

    private string? VariableName(string key, string? value)
    {
        if (value is null || Secrets.SecretShape.IsPlausibleVariableName(value))
        {
            return value;
        }

        var problem = Secrets.SecretShape.LooksLikeSecret(value)
            ? "looks like a secret, not the name of an environment variable (the value is not shown): give the NAME of the variable that holds it, e.g. DO_TOKEN, and export the secret in that variable"
            : "must be the name of an environment variable (letters, digits and '_', not starting with a digit); the value is not shown in case it is a secret";
        Error(Find(key)!.Value.Mark, key, problem);
        return null;
    }

    public string? OptionalString(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is not ConfigScalar scalar)
        {
            Error(entry.Value.Mark, key, $"must be a string, not {entry.Value.Kind}");
            return null;
        }

        if (scalar.Value.Length == 0)
        {
            Error(scalar.Mark, key, "must not be empty");
            return null;
        }

        return scalar.Value;
    }

    public string? OptionalEnum(string key, IReadOnlyList<string> allowed)
    {
        var value = OptionalString(key);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            Error(Find(key)!.Value.Mark, key, $"must be one of {string.Join(", ", allowed)} (got '{value}')");
            return null;
        }

        return value;
    }

    public int? OptionalInt(string key, int min, int max)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is ConfigScalar scalar &&
            int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                Error(scalar.Mark, key, $"must be between {min} and {max} (got {value})");
                return null;
            }

            return value;
        }

        Error(entry.Value.Mark, key, "must be a whole number");
        return null;
    }

    public bool? OptionalBool(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is ConfigScalar { Value: "true" or "false" } scalar)
        {
            return scalar.Value == "true";
        }

        Error(entry.Value.Mark, key, "must be true or false");
        return null;
    }

    public TimeSpan? OptionalDuration(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.Value is ConfigScalar scalar && DurationParser.TryParse(scalar.Value, out var duration) && duration > TimeSpan.Zero)
        {
            return duration;
        }

        Error(entry.Value.Mark, key, "must be a positive duration such as 90s, 5m or 1h");
        return null;
    }

    /// <summary>A file path; a leading <c>~</c> expands to <see cref="HomeDirectory"/>.</summary>
    public string? OptionalPath(string key)
    {
        var value = OptionalString(key);
        return value is null ? null : ExpandHome(value);
    }

    public string ExpandHome(string value) =>
        value == "~" ? HomeDirectory :
        value.StartsWith("~/", StringComparison.Ordinal) ? System.IO.Path.Combine(HomeDirectory, value[2..]) :
        value;

    public IReadOnlyList<string>? OptionalStringList(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        return StringList(entry.Value, KeyPath(key));
    }

    /// <summary>Reads a list of non-empty strings; records errors under <paramref name="keyPath"/>.</summary>
    public IReadOnlyList<string>? StringList(ConfigNode node, string keyPath)
    {
        if (node is not ConfigSequence sequence)
        {
            Diagnostics.Add(node.Mark, keyPath, $"must be a list of strings, not {node.Kind}");
            return null;
        }

        var items = new List<string>();
        var ok = true;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            if (sequence.Items[i] is ConfigScalar { IsNull: false } item && item.Value.Length > 0)
            {
                items.Add(item.Value);
            }
            else
            {
                Diagnostics.Add(sequence.Items[i].Mark, $"{keyPath}[{i}]", "must be a non-empty string");
                ok = false;
            }
        }

        return ok ? items : null;
    }

    public ConfigSection? RequiredSection(string key)
    {
        var section = OptionalSection(key);
        if (section is null && Find(key) is null)
        {
            Error(Mapping.Find(key)?.KeyMark ?? Mark, key, "is required");
        }

        return section;
    }

    public ConfigSection? OptionalSection(string key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        return Child(entry.Value, KeyPath(key));
    }

    /// <summary>A nested mapping at <paramref name="node"/>, or an error when it is not a mapping.</summary>
    public ConfigSection? Child(ConfigNode node, string path)
    {
        if (node is ConfigMapping mapping)
        {
            return new ConfigSection(mapping, path, Diagnostics, HomeDirectory);
        }

        Diagnostics.Add(node.Mark, path, $"must be a mapping, not {node.Kind}");
        return null;
    }

    /// <summary>Where the value of each of <paramref name="keys"/> that is set here was written, by full key path.</summary>
    public IEnumerable<KeyValuePair<string, ConfigMark>> ValueMarks(params string[] keys)
    {
        foreach (var key in keys)
        {
            if (Find(key) is { } entry)
            {
                yield return new(KeyPath(key), entry.Value.Mark);
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as known without reading it.</summary>
    public void Accept(string key) => read.Add(key);

    /// <summary>Reports every key that no getter asked for.</summary>
    public void Complete()
    {
        Diagnostics.RecordKnown(Path, read);
        foreach (var entry in Mapping.Entries)
        {
            if (!read.Contains(entry.Key))
            {
                var known = string.Join(", ", read.Order(StringComparer.Ordinal));
                var hint = KeySuggestion.Closest(entry.Key, read) is { } closest ? $"; did you mean {closest}?" : string.Empty;
                Diagnostics.Add(entry.KeyMark, KeyPath(entry.Key), known.Length == 0 ? "unknown key" : $"unknown key{hint} (expected one of: {known})");
            }
        }
    }
}
