namespace Stagecraft.Cli.Rendering.Inventory;

/// <summary>What <c>infra hosts --format</c> prints: a table, the JSON host model, an Ansible inventory or an ssh_config.</summary>
internal enum InventoryFormat
{
    Text,
    Json,
    Ansible,
    SshConfig,
}
