.class public Lcom/bun/miitmdid/core/MdidSdkHelper;
.super Ljava/lang/Object;
.source "MdidSdkHelper.java"

# MSA (移动安全联盟) OAID SDK entry point: picks the vendor supplier and calls the listener back.

.method public constructor <init>()V
    .registers 1
    invoke-direct {p0}, Ljava/lang/Object;-><init>()V
    return-void
.end method

.method public static InitSdk(Landroid/content/Context;ZLcom/bun/miitmdid/interfaces/IIdentifierListener;)I
    .registers 5
    new-instance v0, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;
    invoke-direct {v0, p0}, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;-><init>(Landroid/content/Context;)V
    if-eqz p2, :no_listener
    invoke-virtual {v0}, Lcom/bun/miitmdid/supplier/vivo/VivoIdSupplier;->isSupported()Z
    move-result v1
    invoke-interface {p2, v1, v0}, Lcom/bun/miitmdid/interfaces/IIdentifierListener;->OnSupport(ZLcom/bun/miitmdid/interfaces/IdSupplier;)V
    :no_listener
    const/4 v0, 0x0
    return v0
.end method
