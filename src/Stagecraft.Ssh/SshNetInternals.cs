using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Renci.SshNet;

namespace Stagecraft.Ssh;

/// <summary>
/// The private SSH.NET members <see cref="SshCommandStdin"/> needs, looked up once per process (not per command) and
/// checked before anything is created: the local SSH preflight reports <see cref="Problem"/> as a finding naming the
/// SSH.NET version, so an upgrade that renames a member is a clear error at start-up, never a crash mid-run.
/// <para>
/// The package version is pinned exactly in <c>Directory.Packages.props</c>; <c>SshNetInternalsTests</c> fails when the
/// pinned version lacks a member (and the real-sshd stdin tests prove the members still do what we rely on).
/// </para>
/// </summary>
internal sealed class SshNetInternals
{
    private const BindingFlags Private = BindingFlags.NonPublic | BindingFlags.Instance;
    private const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance;

    /// <summary>The SSH.NET version this build was written and tested against.</summary>
    internal const string TestedVersion = "2026.0.0";

    /// <summary>Why the reflection below is safe when trimmed (Native AOT release binaries).</summary>
    private const string KeptByDescriptor =
        "The members are looked up by name and kept by ILLink.Descriptors.xml (embedded in this assembly); a member the " +
        "trimmer removed anyway would be reported as missing by Resolve, never used. The published-binary end-to-end " +
        "test sends stdin through them.";

    private static readonly Lazy<(SshNetInternals? Members, string? Problem)> Resolved = new(ResolveInstalled);

    private SshNetInternals(
        FieldInfo commandChannel,
        Type channelType,
        FieldInfo messagingLock,
        FieldInfo windowAdjusted,
        PropertyInfo isOpen,
        PropertyInfo remoteWindowSize,
        PropertyInfo remotePacketSize,
        MethodInfo sendData,
        MethodInfo sendEof)
    {
        CommandChannel = commandChannel;
        ChannelType = channelType;
        MessagingLock = messagingLock;
        WindowAdjusted = windowAdjusted;
        IsOpen = isOpen;
        RemoteWindowSize = remoteWindowSize;
        RemotePacketSize = remotePacketSize;
        SendData = sendData;
        SendEof = sendEof;
    }

    /// <summary>The members, or null when this SSH.NET lacks one (then <see cref="Problem"/> says which).</summary>
    public static SshNetInternals? Current => Resolved.Value.Members;

    /// <summary>Why commands with input cannot run on this SSH.NET, or null when they can.</summary>
    public static string? Problem => Resolved.Value.Problem;

    public FieldInfo CommandChannel { get; }

    public Type ChannelType { get; }

    public FieldInfo MessagingLock { get; }

    public FieldInfo WindowAdjusted { get; }

    public PropertyInfo IsOpen { get; }

    public PropertyInfo RemoteWindowSize { get; }

    public PropertyInfo RemotePacketSize { get; }

    public MethodInfo SendData { get; }

    public MethodInfo SendEof { get; }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = KeptByDescriptor)]
    private static (SshNetInternals? Members, string? Problem) ResolveInstalled() =>
        Resolve(typeof(SshCommand), typeof(SshCommand).Assembly.GetType("Renci.SshNet.Channels.ChannelSession"));

    /// <summary>Looks every member up on <paramref name="commandType"/> and <paramref name="channelType"/> (the types are parameters so tests can show the message).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptByDescriptor)]
    internal static (SshNetInternals? Members, string? Problem) Resolve(Type commandType, Type? channelType)
    {
        var missing = new List<string>();
        var commandChannel = commandType.GetField("_channel", Private);
        if (commandChannel is null)
        {
            missing.Add($"field {commandType.Name}._channel");
        }

        if (channelType is null)
        {
            missing.Add("type Renci.SshNet.Channels.ChannelSession");
            return (null, Describe(commandType.Assembly, missing));
        }

        var messagingLock = FindField(channelType, "_messagingLock", typeof(Lock), missing);
        var windowAdjusted = FindField(channelType, "_channelServerWindowAdjustWaitHandle", typeof(EventWaitHandle), missing);
        var isOpen = FindProperty(channelType, "IsOpen", typeof(bool), missing);
        var remoteWindowSize = FindProperty(channelType, "RemoteWindowSize", typeof(uint), missing);
        var remotePacketSize = FindProperty(channelType, "RemotePacketSize", typeof(uint), missing);
        var sendData = channelType.GetMethod("SendData", Public, [typeof(byte[]), typeof(int), typeof(int)]);
        if (sendData is null)
        {
            missing.Add($"method {channelType.Name}.SendData(byte[], int, int)");
        }

        var sendEof = channelType.GetMethod("SendEof", Public, Type.EmptyTypes);
        if (sendEof is null)
        {
            missing.Add($"method {channelType.Name}.SendEof()");
        }

        if (missing.Count > 0)
        {
            return (null, Describe(commandType.Assembly, missing));
        }

        return (new SshNetInternals(commandChannel!, channelType, messagingLock!, windowAdjusted!, isOpen!, remoteWindowSize!, remotePacketSize!, sendData!, sendEof!), null);
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptByDescriptor)]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = KeptByDescriptor)]
    private static FieldInfo? FindField(Type type, string name, Type fieldType, List<string> missing)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.GetField(name, Private | BindingFlags.DeclaredOnly) is { } field && fieldType.IsAssignableFrom(field.FieldType))
            {
                return field;
            }
        }

        missing.Add($"field {type.Name}.{name} ({fieldType.Name})");
        return null;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = KeptByDescriptor)]
    private static PropertyInfo? FindProperty(Type type, string name, Type propertyType, List<string> missing)
    {
        if (type.GetProperty(name, Public) is { } property && property.PropertyType == propertyType)
        {
            return property;
        }

        missing.Add($"property {type.Name}.{name} ({propertyType.Name})");
        return null;
    }

    private static string Describe(Assembly assembly, List<string> missing)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        return $"SSH.NET {version} lacks {string.Join(", ", missing)}, which stagecraft uses to send secrets on a command's " +
            $"stdin (tested with SSH.NET {TestedVersion}); install a stagecraft build made for this SSH.NET version";
    }
}
